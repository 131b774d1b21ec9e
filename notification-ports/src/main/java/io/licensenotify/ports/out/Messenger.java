package io.licensenotify.ports.out;

/** Sends emails through a messaging service's campaigns (Braze API-triggered campaigns). */
public interface Messenger {
    /**
     * Sends one message, retrying transient failures within the call when that cannot duplicate an email.
     * Never throws for a remote failure: the outcome says what happened. Safe to call from several threads.
     *
     * @throws IllegalArgumentException when the message has more than {@link Message#MAX_RECIPIENTS} recipients,
     *                                  before any request is made
     */
    SendOutcome send(Message message);

    /** How many requests were made to the messaging service so far, retries included. */
    long requestsMade();
}
