package io.licensenotify.adapter.lms;

import java.io.IOException;

/**
 * An LMS answer is longer than {@code lms.max-page-bytes}. An {@link IOException} on purpose: Jackson passes those
 * through unwrapped from the stream it reads, so the reason reaches the report intact.
 */
final class PageTooLong extends IOException {
    PageTooLong(long maxBytes) {
        super("the answer is longer than " + maxBytes + " bytes (lms.max-page-bytes); not read further", null);
    }
}
