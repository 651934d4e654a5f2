// Selects the policies named in a list from the package's managedPolicies.json and writes our resource:
// one entry per policy with its path (from the ARN), latest version id, dates and default document.
// Policy ids are derived from the ARN (a stable ANPA… id per policy), since the package does not carry them.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const [packageDir, listFile] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8'));
const all = JSON.parse(readFileSync(`${packageDir}/dist/managedPolicies.json`, 'utf8'));
const names = readFileSync(listFile, 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function policyId(arn) {
  const digest = createHash('sha256').update(arn).digest();
  let id = 'ANPA';
  for (let i = 0; i < 16; i++) id += BASE32[digest[i] % 32];
  return id;
}

const policies = names.map(name => {
  const p = all[name];
  if (!p) throw new Error(`no AWS-managed policy named ${name} in the package`);
  const resource = p.arn.substring('arn:aws:iam::aws:policy'.length);
  const path = resource.substring(0, resource.lastIndexOf('/') + 1);
  const version = p.versions[p.latestVersionId];
  return {
    name,
    arn: p.arn,
    path,
    policyId: policyId(p.arn),
    defaultVersionId: p.latestVersionId,
    createDate: p.createdDate,
    updateDate: p.lastUpdatedDate ?? p.createdDate,
    document: JSON.stringify(version.document, null, 4),
  };
});

process.stdout.write(JSON.stringify({
  source: { package: pkg.name, version: pkg.version, license: pkg.license, repository: pkg.repository?.url },
  policies,
}, null, 1) + '\n');
