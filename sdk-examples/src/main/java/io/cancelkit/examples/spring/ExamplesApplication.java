package io.cancelkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application around the README's {@code Jobs} service and its application.yml. */
@SpringBootApplication
public class ExamplesApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot's command-line arguments, e.g. {@code --LAYERS_API_KEY=...}
   */
  public static void main(String[] args) {
    SpringApplication.run(ExamplesApplication.class, args);
  }
}
