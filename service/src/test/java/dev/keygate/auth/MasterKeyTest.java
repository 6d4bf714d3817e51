package dev.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedOnceWithMode0600PrintedOnceAndReused() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        String key = MasterKey.resolve("", dataDir, new PrintStream(first, true, StandardCharsets.UTF_8));

        Path file = dataDir.resolve(MasterKey.FILE_NAME);
        assertThat(key).startsWith("sk-").hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.toString(StandardCharsets.UTF_8)).contains(key);

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThat(MasterKey.resolve("", dataDir, new PrintStream(second, true, StandardCharsets.UTF_8))).isEqualTo(key);
        assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void configuredKeyWinsAndMustStartWithSk() {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(MasterKey.resolve("sk-configured-1", dataDir, console)).isEqualTo("sk-configured-1");
        assertThat(dataDir.resolve(MasterKey.FILE_NAME)).doesNotExist();
        assertThatThrownBy(() -> MasterKey.resolve("hunter2-long-enough", dataDir, console))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }
}
