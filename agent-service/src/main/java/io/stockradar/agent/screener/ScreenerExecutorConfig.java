package io.stockradar.agent.screener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * A bounded executor for screener runs: {@code concurrency} virtual threads, a bounded queue, and
 * rejection (→ 503) beyond it, so a burst of runs cannot exhaust memory or the database pool.
 */
@Configuration(proxyBeanMethods = false)
class ScreenerExecutorConfig {

    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor screenerRunExecutor(ScreenerProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setQueueCapacity(properties.queueCapacity());
        executor.setThreadFactory(Thread.ofVirtual().name("screener-run-", 0).factory());
        // the run's logs carry the trace id of the request that started it
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(15);
        return executor;
    }
}
