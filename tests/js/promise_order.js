// Microtask ordering: reaction jobs, thenable jobs, finally, and timers.
const log = [];
const L = (x) => log.push(x);

setTimeout(() => L('timeout 0'), 0);

const p = Promise.resolve();
p.then(() => L('a1')).then(() => L('a2')).then(() => L('a3')).then(() => L('a4'));
p.then(() => L('b1')).then(() => L('b2'));

// Resolving with a promise costs two extra ticks.
new Promise((r) => r(Promise.resolve('inner'))).then((v) => L('resolved with ' + v));

// Resolving with a plain thenable: the then getter runs now, the call later.
const thenable = {
  get then() {
    L('then getter');
    return (res) => {
      L('then called');
      res('thenable value');
    };
  },
};
new Promise((r) => {
  r(thenable);
  L('after resolve');
}).then((v) => L(v));

// finally keeps the value and waits for its own result.
Promise.resolve('kept')
  .finally(() => L('finally ran'))
  .then((v) => L('after finally: ' + v));
Promise.reject(new Error('bad'))
  .finally(() => L('finally on rejection'))
  .catch((e) => L('caught ' + e.message));

// A handler's returned promise is adopted.
Promise.resolve(1)
  .then((v) => new Promise((r) => setTimeout(() => r(v + 1), 5)))
  .then((v) => {
    L('adopted ' + v);
    console.log(log.join('\n'));
  });

// Reactions registered later on an already settled promise run later.
const settled = Promise.resolve('late');
settled.then(() => L('first on settled'));
Promise.resolve().then(() => settled.then(() => L('registered in a job')));
settled.then(() => L('second on settled'));

L('sync done');
