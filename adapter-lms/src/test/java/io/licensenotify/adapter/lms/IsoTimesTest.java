package io.licensenotify.adapter.lms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-read shape of {@code created} gives what java.time gives, and everything else is java.time's to judge. */
class IsoTimesTest {
    /** What java.time reads, as the adapter read it before: with an offset, else without one as UTC. */
    private static Optional<Instant> javaTime(String value) {
        List<Function<String, Instant>> readings = List.of(v -> OffsetDateTime.parse(v).toInstant(),
                v -> LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
        for (Function<String, Instant> reading : readings) {
            try {
                return Optional.of(reading.apply(value));
            } catch (DateTimeParseException next) {
                // the next reading
            }
        }
        return Optional.empty();
    }

    @Test
    void djangosShapeIsReadByHandToTheInstantJavaTimeReads() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime time = OffsetDateTime.of(1970 + random.nextInt(130), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000),
                    ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600 + (random.nextBoolean() ? 0 : 1800)));
            String written = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
            assertThat(IsoTimes.quick(written)).as(written).isNotNull().isEqualTo(time.toInstant());
            assertThat(IsoTimes.instant(written)).as(written).isEqualTo(javaTime(written));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01T10:15:30Z", "2024-03-01T10:15:30.123456Z", "2024-03-01T10:15:30.5+02:00",
            "2024-03-01T10:15:30.123456789-09:30", "2024-03-01T10:15:30-00:00", "2024-02-29T23:59:59.9+18:00"})
    void theShapesTheLmsWritesAreReadByHandAlike(String value) {
        assertThat(IsoTimes.quick(value)).isNotNull().isEqualTo(javaTime(value).orElseThrow());
    }

    /** Not the hand-read shape, or out of range in it: java.time decides, and the answer is what it was. */
    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01T10:15:30", "2024-03-01T10:15:30.123456", "2024-03-01T10:15", "2024-03-01t10:15:30z",
            "2024-03-01T10:15:30+02", "2024-03-01T10:15:30+0200", "2024-03-01T10:15:30+02:00:30", "+12024-03-01T10:15:30Z",
            "2024-03-01T10:15:30.1234567891Z", "2024-03-01T10:15:30.Z", "2024-02-30T10:15:30Z", "2024-13-01T10:15:30Z",
            "2024-03-01T24:00:00Z", "2024-03-01T23:59:60Z", "2024-03-01T10:15:30+19:00", "2024-03-01T10:15:30+02:60",
            "2024-03-01T10:15:30*02:00", "2024-03-01T10:15:30Z ", "２０２４-03-01T10:15:30Z", "2024-03-01 10:15:30Z",
            "yesterday", ""})
    void everyOtherShapeIsJudgedAsJavaTimeJudgesIt(String value) {
        assertThat(IsoTimes.instant(value)).isEqualTo(javaTime(value));
    }

    @Test
    void aFractionOfTenDigitsOrADotWithoutDigitsIsNotTheHandReadShape() {
        assertThat(IsoTimes.quick("2024-03-01T10:15:30.1234567891Z")).isNull();
        assertThat(IsoTimes.quick("2024-03-01T10:15:30.Z")).isNull();
        assertThat(IsoTimes.quick("2024-03-01T10:15:30.123456")).isNull();
    }
}
