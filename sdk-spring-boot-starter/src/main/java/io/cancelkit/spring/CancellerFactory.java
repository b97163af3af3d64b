package io.cancelkit.spring;

import io.cancelkit.core.CancelListener;
import io.cancelkit.core.CancellerBuilder;
import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Makes the canceller bean of each configured vendor: the vendor's {@code cancelkit.<vendor>.*}
 * properties through its provider, then the shared {@code cancelkit.*} settings, the application's
 * {@link OkHttpClient} and its {@link CancelListener} where it has exactly one of each.
 */
final class CancellerFactory {
  private final Environment environment;
  private final CancelkitProperties properties;
  private final ObjectProvider<OkHttpClient> httpClient;
  private final ObjectProvider<CancelListener> listener;
  private final Map<String, CancellerProvider> providers;

  CancellerFactory(
      Environment environment,
      CancelkitProperties properties,
      ObjectProvider<OkHttpClient> httpClient,
      ObjectProvider<CancelListener> listener) {
    this.environment = environment;
    this.properties = properties;
    this.httpClient = httpClient;
    this.listener = listener;
    this.providers =
        CancellerProvider.installed().stream()
            .collect(Collectors.toMap(CancellerProvider::name, Function.identity()));
  }

  /**
   * The canceller of {@code vendor}, of the type {@link #cancellerType} predicts for it.
   *
   * @throws InvalidCancelkitPropertyException naming a property that is missing or malformed
   */
  public JobCanceller create(String vendor) {
    CancellerProvider provider = providers.get(vendor);
    JobCanceller canceller = VendorProperties.of(provider, environment).create(this::configure);
    Class<? extends JobCanceller> type = cancellerType(provider);
    if (!type.isInstance(canceller)) {
      throw new IllegalStateException(
          "the provider of '" + vendor + "' built a " + canceller.getClass().getName()
              + ", not the " + type.getName() + " that encloses it");
    }
    return canceller;
  }

  private void configure(CancellerBuilder<?> builder) {
    properties.applyTo(builder);
    httpClient.ifUnique(builder::okHttpClient);
    listener.ifUnique(builder::listener);
  }

  /**
   * The type of the vendor's canceller bean, known before it is built, so that the application can
   * inject {@code LayersCanceller} itself: the class that encloses the provider when that is a
   * {@link JobCanceller} (every vendor module nests its {@code Provider} in its canceller), else
   * {@link JobCanceller}.
   */
  static Class<? extends JobCanceller> cancellerType(CancellerProvider provider) {
    Class<?> outer = provider.getClass().getEnclosingClass();
    return outer != null && JobCanceller.class.isAssignableFrom(outer)
        ? outer.asSubclass(JobCanceller.class)
        : JobCanceller.class;
  }
}
