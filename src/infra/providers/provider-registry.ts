import type { FactoryProvider, InjectionToken, Type } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import { type AppConfig, ConfigError } from '../../config/config.js';

/** An interchangeable implementation of one capability (a channel, an LLM API, an OCR engine…). */
export interface NamedProvider {
  /** What the configuration (or a tenant's settings) calls it, e.g. `smtp`, `openai-compatible`. */
  readonly name: string;
}

/** A name no registered provider answers to; at boot this stops the process with its message. */
export class UnknownProviderError extends ConfigError {}

/**
 * The implementations of one kind of provider, one class each, found by name. Selecting a
 * name nobody registered fails with a message listing the known ones — at boot for names
 * from the configuration, so a typo never surfaces as a failed send hours later.
 */
export class ProviderRegistry<P extends NamedProvider> {
  private readonly byName = new Map<string, P>();

  constructor(
    readonly kind: string,
    providers: readonly P[],
  ) {
    for (const p of providers) {
      if (this.byName.has(p.name)) throw new Error(`two ${kind} providers are called "${p.name}"`);
      this.byName.set(p.name, p);
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): P {
    const provider = this.byName.get(name);
    if (!provider) throw new UnknownProviderError(`Unknown ${this.kind} provider "${name}". Known: ${this.names().join(', ') || 'none'}.`);
    return provider;
  }

  /** The providers these names choose, in that order; throws on the first unknown name. */
  select(names: readonly string[]): P[] {
    return names.map((n) => this.get(n));
  }
}

/**
 * A Nest provider for `token` that builds the registry from the given classes and, when
 * `configured` names providers, checks them while the module starts.
 */
export function providerRegistry<P extends NamedProvider>(
  token: InjectionToken,
  kind: string,
  classes: Type<P>[],
  configured?: (config: AppConfig) => readonly string[],
): FactoryProvider<ProviderRegistry<P>> {
  return {
    provide: token,
    inject: [APP_CONFIG, ...classes],
    useFactory: (config: AppConfig, ...providers: P[]) => {
      const registry = new ProviderRegistry(kind, providers);
      if (configured) registry.select(configured(config));
      return registry;
    },
  };
}
