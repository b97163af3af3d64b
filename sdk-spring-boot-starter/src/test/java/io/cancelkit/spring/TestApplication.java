package io.cancelkit.spring;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A Spring Boot application with every auto-configuration on the test class path and no component
 * scan (which would pick up other tests' configurations), for tests that start Spring Boot for real.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
  /** The application with {@code properties}, no web server and no banner. */
  static SpringApplication with(Map<String, Object> properties) {
    SpringApplication app = new SpringApplication(TestApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setDefaultProperties(properties);
    return app;
  }
}
