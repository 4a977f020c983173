import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, fetchFirstScreen } from './app';

void fetchFirstScreen();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
