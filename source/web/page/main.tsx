// The page's entry, bundled by scripts/build.js into dist/web/app.js (+ app.css).
import {render} from 'preact';
import '@xterm/xterm/css/xterm.css';
import './style.css';
import {App} from './app.js';

const root = document.getElementById('app')!;
// The server's "Loading…" line goes; Preact renders into an empty element.
root.textContent = '';
render(<App />, root);
