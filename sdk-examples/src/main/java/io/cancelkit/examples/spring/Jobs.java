package io.cancelkit.examples.spring;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.JobRef;
import org.springframework.stereotype.Service;

/** The README's Spring Boot service: cancels through the starter's router. */
@Service
class Jobs {
  private final CancelRouter router;              // over every configured vendor
  Jobs(CancelRouter router) { this.router = router; }

  CancelOutcome cancel(String ref) {              // "layers:job_01H..."
    return router.cancel(JobRef.parse(ref));
  }
}
