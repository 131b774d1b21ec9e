package io.licensenotify.adapter.persistence;

import java.util.ArrayList;
import java.util.List;

/** Keys per statement: keeps bind variables well under every driver's limit. */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) chunks.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        return chunks;
    }
}
