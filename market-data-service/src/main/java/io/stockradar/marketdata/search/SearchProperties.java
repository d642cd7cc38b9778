package io.stockradar.marketdata.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param remoteTimeout how long a search waits for the live search (Yahoo) before answering with the local
 *                      results alone (type-ahead must stay quick; the Yahoo client's own deadline is longer)
 */
@ConfigurationProperties("stockradar.search")
record SearchProperties(@DefaultValue("2s") Duration remoteTimeout) {
}
