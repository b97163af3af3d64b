package io.cancelkit.layers;

/**
 * Layers' error envelope, {@code {error:{code, message, requestId, details}}}, with the {@code
 * details} fields a cancel conflict carries.
 */
record LayersError(Body error) {
  /** The {@code error} object. */
  record Body(String code, String message, String requestId, Details details) {}

  /**
   * The {@code details} of a 409 {@code CONFLICT}; other codes carry other fields, ignored here.
   */
  record Details(String subcode, String jobId, String stage) {}
}
