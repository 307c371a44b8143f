import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { audit } from './audit';
import { common } from './common';
import { cases } from './cases';
import { inbox } from './inbox';
import { filing } from './filing';
import { ledgers } from './ledgers';
import { supervision } from './supervision';
import { requests } from './requests';
import { committee } from './committee';
import { commitments } from './commitments';

/**
 * One file per area of the console (common, requests, ledgers, …), each with its Chinese and its
 * English; they are merged here into one namespace. Chinese is the default; the choice is remembered.
 */
const areas = [common, cases, inbox, filing, requests, supervision, ledgers, audit, committee, commitments];

export type Language = 'zh' | 'en';
const remembered = 'lianxin.language';

export const languages: Language[] = ['zh', 'en'];

function merged(language: Language) {
  return Object.assign({}, ...areas.map((area) => area[language]));
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: merged('zh') }, en: { translation: merged('en') } },
  lng: (localStorage.getItem(remembered) as Language | null) ?? 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export function chooseLanguage(language: Language): void {
  localStorage.setItem(remembered, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

/** A label the API gives in both languages (`{zh, en}`), in the language shown. */
export function bilingual(label: { zh: string; en: string } | undefined, language: string): string {
  if (!label) return '';
  return language === 'en' ? label.en : label.zh;
}

export default i18n;
