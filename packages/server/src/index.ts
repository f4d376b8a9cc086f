export { type Config, loadConfig } from './config.ts';
export { buildApp } from './http/app.ts';
