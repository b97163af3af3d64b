/**
 * Spring Boot auto-configuration for cancelkit. {@link io.cancelkit.spring.CancelkitAutoConfiguration}
 * registers a {@link io.cancelkit.core.JobCanceller} bean for each vendor module on the class path
 * whose {@code cancelkit.<vendor>.*} properties set its key (the properties mirror the environment
 * variables that the vendor's {@link io.cancelkit.core.CancellerProvider} names, so the starter knows
 * no vendor by name), and a {@link io.cancelkit.core.CancelRouter} over them; {@link
 * io.cancelkit.spring.CancelkitProperties} holds the retry and timing settings under {@code
 * cancelkit} that every canceller shares. A malformed value fails startup naming its property, and
 * every bean gives way to one the application defines itself.
 */
package io.cancelkit.spring;
