// Rejection paths: throwing handlers, executors, thenables, and TypeErrors.
const out = [];
const L = (...a) => out.push(a.join(' '));

// A throw in a handler rejects the derived promise; catch recovers.
Promise.resolve(1)
  .then(() => {
    throw new TypeError('from handler');
  })
  .then(() => L('skipped'))
  .catch((e) => {
    L('caught', e.name, e.message);
    return 'recovered';
  })
  .then((v) => L('then', v));

// Errors after resolve are ignored; so are second resolutions.
new Promise((res) => {
  res('first');
  res('second');
  throw new Error('ignored');
}).then((v) => L('executor kept', v));

// A thenable that resolves then throws keeps the resolution.
Promise.resolve({
  then(res) {
    res('thenable ok');
    throw new Error('too late');
  },
}).then((v) => L(v));

// A then getter that throws rejects.
const poisoned = {};
Object.defineProperty(poisoned, 'then', {
  get() {
    throw new Error('poisoned then');
  },
});
Promise.resolve(poisoned).catch((e) => L('getter threw:', e.message));

// Resolving a promise with itself.
let selfResolve;
const selfish = new Promise((r) => (selfResolve = r));
selfResolve(selfish);
selfish.catch((e) => L('self resolution:', e.name, e.message));

// Non-error rejection values pass through unchanged.
Promise.reject({ code: 42 }).catch((e) => L('code', e.code));
Promise.reject(undefined).then(null, (e) => L('reason', String(e)));

// then() with non-callable handlers passes values through.
Promise.resolve('pass').then(5, null).then('x').then((v) => L('passed through', v));
Promise.reject('rej').then((v) => v).then(null, (e) => L('rejection through', e));

// Synchronous TypeErrors.
for (const [label, f] of [
  ['call without new', () => Promise(() => {})],
  ['non-callable executor', () => new Promise(1)],
  ['then on non-promise', () => Promise.prototype.then.call({}, () => {})],
  ['resolve on non-object', () => Promise.resolve.call(1, 2)],
  ['all on non-constructor', () => Promise.all.call({}, [])],
]) {
  try {
    f();
    L(label, 'no error');
  } catch (e) {
    L(label, '->', e.constructor.name);
  }
}

// Promise.resolve returns the same promise for a same-constructor promise.
const same = Promise.resolve(3);
L('same object:', Promise.resolve(same) === same);
// catch and finally are generic: they only call this.then.
const fake = {
  then(a, b) {
    L('fake then called with', typeof a, typeof b);
    return 'fake result';
  },
};
L('catch on thenable ->', Promise.prototype.catch.call(fake, () => {}));
Promise.prototype.finally.call(fake, () => {});

// A throwing onFinally replaces the outcome.
Promise.resolve('value')
  .finally(() => {
    throw new Error('finally failed');
  })
  .catch((e) => L('finally threw:', e.message));

// Rejections handled later (in another job of the same drain) are fine.
const late = Promise.reject(new Error('late'));
Promise.resolve()
  .then(() => null)
  .then(() => late.catch((e) => L('handled late:', e.message)));
setTimeout(() => console.log(out.join('\n')), 0);
