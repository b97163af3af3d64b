/**
 * The shared engine behind every vendor module: the HTTP client factory, retries and backoff, the
 * poller, rate-limit gates, redaction, JSON and the default mapping of statuses to outcomes. It is
 * not API: the module exports it only to cancelkit's own vendor modules, its Javadoc is not
 * published, and any of it may change in any release, as with {@code okhttp3.internal}. Use the
 * types of {@code io.cancelkit.core} and the vendor modules' cancellers instead.
 */
package io.cancelkit.core.internal;
