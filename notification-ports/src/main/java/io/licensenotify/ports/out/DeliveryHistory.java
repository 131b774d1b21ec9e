package io.licensenotify.ports.out;

import java.util.List;

/** The read side of the ledger, for the {@code history} command. */
public interface DeliveryHistory {
    /** The deliveries that match, newest first, one page. */
    List<DeliveryRecord> find(HistoryQuery query);
}
