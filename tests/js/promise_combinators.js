// Promise.all / allSettled / any / race: values, order, errors, iterables.
const delay = (ms, v, fail) =>
  new Promise((res, rej) => setTimeout(() => (fail ? rej(v) : res(v)), ms));

function show(label) {
  return [
    (v) => console.log(label, 'fulfilled', JSON.stringify(v)),
    (e) =>
      console.log(
        label,
        'rejected',
        e instanceof Error ? `${e.name}: ${e.message}` : JSON.stringify(e)
      ),
  ];
}

async_main();

function async_main() {
  const steps = [];
  steps.push(() =>
    Promise.all([delay(20, 'slow'), delay(5, 'fast'), 3, { then: (r) => r('thenable') }])
      .then(...show('all'))
  );
  steps.push(() => Promise.all([]).then(...show('all empty')));
  steps.push(() => Promise.all([delay(10, 1), delay(5, 'no', true)]).then(...show('all reject')));
  steps.push(() =>
    Promise.allSettled([delay(5, 'ok'), delay(1, 'nope', true), 42]).then(...show('allSettled'))
  );
  steps.push(() => Promise.any([delay(10, 'x', true), delay(20, 'y'), delay(1, 'z', true)]).then(...show('any')));
  steps.push(() =>
    Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => {
      console.log('any all rejected:', e.constructor.name, e.message, JSON.stringify(e.errors));
      console.log('errors own, non-enumerable:', Object.getOwnPropertyDescriptor(e, 'errors').enumerable);
    })
  );
  steps.push(() => Promise.any([]).catch((e) => console.log('any empty:', e.errors.length)));
  steps.push(() => Promise.race([delay(20, 'late'), delay(5, 'early')]).then(...show('race')));
  steps.push(() => Promise.race([delay(20, 'late'), delay(5, 'boom', true)]).then(...show('race reject')));
  steps.push(() => {
    // Generic iterables, and iterator closing when resolve throws.
    function* gen() {
      try {
        yield 1;
        yield 2;
        yield 3;
      } finally {
        console.log('generator closed');
      }
    }
    return Promise.all(gen()).then(...show('all generator'));
  });
  steps.push(() => Promise.all(new Set(['s1', 's2'])).then(...show('all set')));
  steps.push(() => Promise.all('abc').then(...show('all string')));
  steps.push(() => Promise.all(42).catch((e) => console.log('all non-iterable:', e.name)));
  steps.push(() => {
    let closed = false;
    const iterable = {
      [Symbol.iterator]() {
        return {
          next: () => ({ value: 1, done: false }),
          return() {
            closed = true;
            return {};
          },
        };
      },
    };
    const Bad = function (executor) {
      return new Promise(executor);
    };
    Bad.resolve = () => {
      throw new RangeError('resolve failed');
    };
    return Promise.all.call(Bad, iterable).then(...show('all custom resolve')).then(() =>
      console.log('iterator closed:', closed)
    );
  });
  steps.push(() => {
    // Subclasses: combinators and then() build instances of the subclass.
    class Tracked extends Promise {
      static count = 0;
      constructor(executor) {
        Tracked.count++;
        super(executor);
      }
    }
    const t = Tracked.all([1, 2]);
    console.log('subclass instance:', t instanceof Tracked, 'constructed:', Tracked.count);
    const t2 = t.then((v) => v);
    console.log('then keeps species:', t2 instanceof Tracked);
    return t2.then((v) => console.log('subclass all:', JSON.stringify(v), Tracked.count));
  });
  let chain = Promise.resolve();
  for (const step of steps) chain = chain.then(step);
  chain.then(() => console.log('done'));
}
