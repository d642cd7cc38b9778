/**
 * Infrastructure glue every service uses the same way: the {@code stockradar.dependency.up} gauge of its
 * dependencies' health, and the Kafka health indicator Spring Boot lacks. Each service declares the beans itself.
 */
package io.stockradar.common.health;
