package io.stockradar.marketdata.provider;

public enum SecurityType {
    STOCK,
    INDEX
}
