/**
 * Instance identity ({@code stockradar.instance-id}) and liveness: each instance's heartbeat row in
 * {@code agent_instance}, from which the screener decides whose runs to take over.
 */
package io.stockradar.agent.instance;
