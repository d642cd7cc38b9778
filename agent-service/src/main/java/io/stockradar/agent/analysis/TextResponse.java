package io.stockradar.agent.analysis;

import io.stockradar.agent.engine.Text;

/** A human sentence in Korean and English. */
public record TextResponse(String ko, String en) {

    public static TextResponse of(Text text) {
        return text == null ? null : new TextResponse(text.ko(), text.en());
    }
}
