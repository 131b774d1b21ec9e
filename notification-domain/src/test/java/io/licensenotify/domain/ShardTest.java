package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    @Test
    void theHashIsTheFirstEightHexDigitsAsAnUnsignedNumber() {
        assertThat(Shard.hashOf(UUID.fromString("ffffffff-0000-4000-8000-000000000000"))).isEqualTo(4_294_967_295L);
        assertThat(Shard.hashOf(UUID.fromString("0000000a-ffff-4fff-bfff-ffffffffffff"))).isEqualTo(10);
        assertThat(Shard.hashOf(UUID.fromString("80000001-0000-4000-8000-000000000000"))).isEqualTo(2_147_483_649L);
    }

    @Test
    void aShardHoldsTheUuidsWhoseHashModuloTheCountIsItsIndex() {
        UUID ten = UUID.fromString("0000000a-0000-4000-8000-000000000000");
        assertThat(new Shard(2, 4).contains(ten)).isTrue();
        assertThat(new Shard(1, 4).contains(ten)).isFalse();
        assertThat(new Shard(0, 5).contains(ten)).isTrue();
        // unsigned: a negative int reading of ffffffff would put it in another shard
        UUID top = UUID.fromString("ffffffff-0000-4000-8000-000000000000");
        assertThat(new Shard((int) (4_294_967_295L % 7), 7).contains(top)).isTrue();
    }

    @Test
    void theShardsOfACountHoldEveryUuidExactlyOnceAndEvenly() {
        Random random = new Random(16);
        int[] perShard = new int[4];
        for (int i = 0; i < 20_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            int holders = 0;
            for (int s = 0; s < 4; s++)
                if (new Shard(s, 4).contains(u)) {
                    holders++;
                    perShard[s]++;
                }
            assertThat(holders).isEqualTo(1);
            assertThat(Shard.ALL.contains(u)).isTrue();
        }
        for (int n : perShard) assertThat(n).isBetween(4_500, 5_500);
    }

    @Test
    void parsesIndexSlashCount() {
        assertThat(Shard.parse("1/4")).isEqualTo(new Shard(1, 4));
        assertThat(Shard.parse(" 0 / 1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse("3/4")).hasToString("3/4");
        assertThat(Shard.parse("3/4").label()).contains("3/4");
        assertThat(Shard.ALL.label()).isEmpty();
    }

    @Test
    void rejectsWhatIsNoShardNamingTheProblem() {
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("from 0 to 3, not 4");
        assertThatThrownBy(() -> Shard.parse("-1/4")).hasMessageContaining("not -1");
        assertThatThrownBy(() -> Shard.parse("0/0")).hasMessageContaining("at least 1, not 0");
        assertThatThrownBy(() -> Shard.parse("1")).hasMessageContaining("'1' is not I/N");
        assertThatThrownBy(() -> Shard.parse("a/4")).hasMessageContaining("'a' is not a whole number");
        assertThatThrownBy(() -> Shard.parse("1/")).hasMessageContaining("'' is not a whole number");
    }
}
