package dev.keygate.verify;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyRecord;
import dev.keygate.enforcement.Decision;
import dev.keygate.enforcement.Verdict;
import java.util.List;

/**
 * What Keygate made of a presented credential and the call it is about to make: who it is, its key
 * (null for the master key and a sign-in token without a key) and the enforcement's decision.
 * {@code /key/verify} answers it as JSON, {@code /authz} as a status and headers.
 */
public record Judgement(Caller caller, KeyRecord record, Decision decision) {

    private static final Judgement MASTER_KEY = new Judgement(Caller.masterKey(), null,
            new Decision(Verdict.VALID, null, null, List.of(), false, List.of(), 0));

    static Judgement masterKey() {
        return MASTER_KEY;
    }

    public boolean isMasterKey() {
        return caller.isMasterKey();
    }
}
