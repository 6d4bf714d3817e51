package dev.keygate.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The master key: configured ({@code KEYGATE_MASTER_KEY}), or generated once into
 * {@code <dataDir>/master-key} (mode 0600) and printed to the console that one time only. It never
 * goes through the logger, so it cannot end up in log files.
 */
public final class MasterKey {

    static final String FILE_NAME = "master-key";

    private MasterKey() {}

    public static String resolve(String configured, Path dataDir, PrintStream console) {
        if (configured != null && !configured.isBlank()) {
            return requireValid(configured.trim(), "KEYGATE_MASTER_KEY");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return requireValid(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
            }
            String key = Secrets.newKey(32);
            Files.createDirectories(dataDir);
            write(file, key);
            console.println("Keygate generated a master key (shown once, stored in " + file.toAbsolutePath().normalize() + "):");
            console.println("  " + key);
            return key;
        } catch (FileAlreadyExistsException raced) {
            return resolve(configured, dataDir, console);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the master key file " + file, e);
        }
    }

    private static void write(Path file, String key) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    }

    private static String requireValid(String key, String source) {
        if (!key.startsWith(Secrets.KEY_PREFIX) || key.length() < 8) {
            throw new IllegalArgumentException("The master key from " + source + " must start with sk- (and be at least 8 characters)");
        }
        return key;
    }
}
