// Entry: the stylesheet and the app. Nothing else loads before the first render.
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app')!;
root.textContent = ''; // the boot message
render(<App />, root);
