package dev.openiam.policyservice.dataevent;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which accounts opted in, and which share of their decisions is recorded. */
class DataEventSamplingTest {

    @Test
    void onlyTheAccountsNamedOrEveryOneWithAStar() {
        assertThat(config(null, 1).records("111122223333")).isFalse();
        assertThat(config(List.of("111122223333"), 1).records("111122223333")).isTrue();
        assertThat(config(List.of("111122223333"), 1).records("444455556666")).isFalse();
        assertThat(config(List.of("*"), 1).records("444455556666")).isTrue();
    }

    @Test
    void aSampleRateRecordsTheDecisionsDrawnBelowIt() {
        Iterator<Double> draws = Stream.of(0.0, 0.3, 0.2499, 0.25, 0.9).iterator();
        DataEvents events = new DataEvents(config(List.of("*"), 0.25), null, null, draws::next);
        assertThat(Stream.generate(events::sampled).limit(5)).containsExactly(true, false, true, false, false);
        // complete: no draw at all
        DataEvents complete = new DataEvents(config(List.of("*"), 1.0), null, null, () -> {
            throw new AssertionError("a complete record draws nothing");
        });
        assertThat(complete.sampled()).isTrue();
    }

    @Test
    void aRateThatRecordsNothingOrMoreThanAllIsRefused() {
        for (double rate : new double[]{0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> config(List.of("*"), rate).validate()).hasMessageContaining("sample-rate");
        }
        config(List.of("*"), 0.01).validate();
    }

    private static DataEventConfig config(List<String> accounts, double rate) {
        return new DataEventConfig() {
            @Override
            public Optional<List<String>> accounts() {
                return Optional.ofNullable(accounts);
            }

            @Override
            public double sampleRate() {
                return rate;
            }
        };
    }
}
