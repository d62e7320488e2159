import type { Locale } from './locales';
import type { Messages } from './messages';

// Typed keys: `t('composer.sned')` is a type error, and so is a missing argument.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
