package io.licensenotify.ports.out.violations;

/** Breaks the out-ports rule on purpose: a helper class (text masking, say) is neither a port nor a port's value. */
public final class OutPortHelper {
    private OutPortHelper() {
    }

    public static String masked(String text) {
        return text.replace("secret", "****");
    }
}
