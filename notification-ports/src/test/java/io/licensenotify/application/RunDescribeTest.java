package io.licensenotify.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a run names what stopped it, in its report and log. */
class RunDescribeTest {
    @Test
    void anErrorMetAgainWhileClosingIsNamedAsItselfNotAsTheSelfSuppressionItCaused() {
        // what a try-with-resources does when its close throws the JVM's one preallocated OutOfMemoryError again
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        IllegalArgumentException masked = catchThrowableOfType(() -> heap.addSuppressed(heap),
                IllegalArgumentException.class);

        assertThat(Run.describe(masked)).isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(Run.describe(new IllegalArgumentException("bad"))).isEqualTo("IllegalArgumentException: bad");
    }
}
