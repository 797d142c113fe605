package com.ecomnow.order.persistence;

/**
 * The work ran to its end, then committing it failed: whether the commit took effect is unknown. The database may
 * have written it and lost only its answer (PostgreSQL shutting down between the two, a connection cut). A failure
 * before the commit (no connection, a statement) is thrown as it is: nothing of that transaction was stored.
 */
public class CommitOutcomeUnknownException extends RuntimeException {

    CommitOutcomeUnknownException(RuntimeException cause) {
        super("Committing failed; whether it took effect is unknown: " + cause.getMessage(), cause);
    }
}
