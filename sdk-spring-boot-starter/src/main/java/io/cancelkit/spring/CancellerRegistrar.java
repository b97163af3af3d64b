package io.cancelkit.spring;

import io.cancelkit.core.CancellerProvider;
import io.cancelkit.core.JobCanceller;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one canceller bean, {@code <vendor>Canceller}, for each vendor on the class path whose
 * key property ({@code cancelkit.<vendor>.api-key}) is present; vendors are found through {@link
 * CancellerProvider}, so a new vendor module needs no change here.
 *
 * <p>An application bean of the same name, or of the vendor's own canceller type, replaces it: as
 * {@code @ConditionalOnMissingBean} would, since auto-configuration registers after the
 * application's own beans.
 */
final class CancellerRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {
  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    for (CancellerProvider provider : CancellerProvider.installed()) {
      if (!VendorProperties.of(provider, environment).isConfigured()) continue;
      String name = beanName(provider.name());
      Class<? extends JobCanceller> type = CancellerFactory.cancellerType(provider);
      if (registry.containsBeanDefinition(name) || hasBeanOfType(registry, type)) continue;
      RootBeanDefinition definition = new RootBeanDefinition();
      definition.setTargetType(type);
      definition.setFactoryBeanName(CancelkitAutoConfiguration.FACTORY_BEAN);
      definition.setFactoryMethodName("create");
      definition.getConstructorArgumentValues().addIndexedArgumentValue(0, provider.name());
      // Built at startup even under spring.main.lazy-initialization, so a bad property fails there
      // and not at the first cancel.
      definition.setLazyInit(false);
      registry.registerBeanDefinition(name, definition);
    }
  }

  /** {@code layersCanceller} for {@code layers}. */
  static String beanName(String vendor) {
    return vendor + "Canceller";
  }

  // Only a vendor's own type tells whose canceller a bean is before it is built; a bean typed just
  // JobCanceller could be any vendor's, so it replaces ours only by name.
  private static boolean hasBeanOfType(BeanDefinitionRegistry registry, Class<?> type) {
    return type != JobCanceller.class
        && registry instanceof ListableBeanFactory beans
        && beans.getBeanNamesForType(type, true, false).length > 0;
  }
}
