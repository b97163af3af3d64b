package io.cancelkit.core;

/** Why a call failed, in terms a caller can act on. */
public enum ErrorKind {
  /** The key is missing, wrong or revoked (HTTP 401). Fix the key; retrying will not help. */
  AUTHENTICATION,
  /** The key is valid but may not do this (HTTP 403). Fix the key's scopes or roles. */
  PERMISSION,
  /** No such job; used by status lookups, a cancel reports {@link NotFound} instead. */
  NOT_FOUND,
  /** The vendor's rate limit held after every retry; wait {@link CancelError#retryAfter()}. */
  RATE_LIMITED,
  /** The vendor rejected the request itself (validation, conflict); fix the input. */
  INVALID_REQUEST,
  /** The vendor failed (HTTP 5xx) on every attempt; try again later. */
  PROVIDER_ERROR,
  /** The connection failed on every attempt; try again later. */
  NETWORK,
  /** The deadline passed before an answer came; the vendor may or may not have acted. */
  TIMEOUT,
  /** The answer was not one the vendor documents (redirect, garbage, unknown status); report it. */
  UNEXPECTED_RESPONSE
}
