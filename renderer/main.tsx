// Must run before any schema is built.
import '../core/zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app.tsx';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no element with id "root" to mount the app in.');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
