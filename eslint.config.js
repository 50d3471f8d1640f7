// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layering of STYLE.md, enforced: each folder names what it may not reach.
 * `src/` is the pure core: no electron, no Node, no React, no DOM.
 */
const nodeBuiltins = [...builtinModules, 'node:*'];
const outside = (dirs) => ({
  regex: `^(\\.\\./)+(${dirs.join('|')})(/|$)`,
  message: 'This layer may not reach into that folder (see STYLE.md layering).',
});
const banned = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      '.tsbuild',
      '.dev',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            [
              'electron',
              'react',
              'react-dom',
              'zustand',
              'sharp',
              'axios',
              'ws',
              ...builtinModules,
            ],
            'src/ is the pure core: no electron, Node, React or DOM.',
          ),
          patterns: [
            {
              group: ['node:*', 'react/*', 'react-dom/*', 'electron/*'],
              message: 'src/ is the pure core: no electron, Node, React or DOM.',
            },
            outside(['services', 'server', 'electron', 'renderer', 'dev']),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'fetch',
          'XMLHttpRequest',
          'Buffer',
          'process',
          'setTimeout',
          'setInterval',
          'require',
          '__dirname',
        ].map((name) => ({
          name,
          message: 'src/ is the pure core: pass time, I/O and platform in from outside.',
        })),
      ],
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'react', 'react-dom', 'zustand'],
            'services/ is Node-only: no electron or React.',
          ),
          patterns: [outside(['server', 'electron', 'renderer', 'dev'])],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'react', 'react-dom', 'zustand'],
            'server/ runs at the provider and the lab: no electron or React.',
          ),
          patterns: [outside(['electron', 'renderer'])],
        },
      ],
    },
  },
  {
    files: ['dev/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'react', 'react-dom', 'zustand'],
            'dev/ is the demonstration lab, run beside the app in development: no electron or React.',
          ),
          patterns: [outside(['electron', 'renderer'])],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(['react', 'react-dom', 'zustand'], 'electron/ is thin glue over services.'),
          // The app ships to customers: no receiving server, no demonstration lab inside it.
          patterns: [outside(['renderer', 'server', 'dev'])],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'sharp', 'axios', 'ws', ...builtinModules],
            'The renderer reaches the desktop side only through the host contract.',
          ),
          patterns: [
            {
              group: nodeBuiltins.filter((n) => n === 'node:*'),
              message: 'The renderer reaches the desktop side only through the host contract.',
            },
            outside(['services', 'server', 'electron', 'dev']),
          ],
        },
      ],
    },
  },
);
