import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { t } from '@/lib/i18n';
import { createOptionsApi } from '@/lib/ui/options-api';

document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) render(<OptionsApp api={createOptionsApi()} />, root);
