// Bank account simulation with custom error classes.
class BankError extends Error {
  constructor(message, account) {
    super(message);
    this.name = this.constructor.name;
    this.account = account;
  }
}
class InsufficientFunds extends BankError {
  constructor(account, requested) {
    super(`Insufficient funds: balance ${account.balance.toFixed(2)}, requested ${requested.toFixed(2)}`, account);
    this.requested = requested;
  }
}
class AccountFrozen extends BankError {}

class Account {
  static count = 0;
  #balance = 0;
  #history = [];
  constructor(owner, initial = 0) {
    this.owner = owner;
    this.number = `ACC-${String(++Account.count).padStart(4, "0")}`;
    this.frozen = false;
    if (initial > 0) this.deposit(initial);
  }
  get balance() { return this.#balance; }
  #record(type, amount) { this.#history.push({ type, amount, balance: this.#balance }); }
  deposit(amount) {
    if (this.frozen) throw new AccountFrozen(`Account ${this.number} is frozen`, this);
    if (!(amount > 0)) throw new RangeError("Deposit must be positive");
    this.#balance += amount;
    this.#record("deposit", amount);
  }
  withdraw(amount) {
    if (this.frozen) throw new AccountFrozen(`Account ${this.number} is frozen`, this);
    if (amount > this.#balance) throw new InsufficientFunds(this, amount);
    this.#balance -= amount;
    this.#record("withdraw", amount);
  }
  get history() { return this.#history.map((h) => ({ ...h })); }
}

class SavingsAccount extends Account {
  constructor(owner, initial, rate) {
    super(owner, initial);
    this.rate = rate;
  }
  addInterest() {
    const interest = Math.round(this.balance * this.rate * 100) / 100;
    this.deposit(interest);
    return interest;
  }
}

function transfer(from, to, amount) {
  try {
    from.withdraw(amount);
    to.deposit(amount);
    return true;
  } catch (e) {
    if (e instanceof InsufficientFunds) {
      console.log(`${e.name}: ${e.message} [${e.account.owner}]`);
      return false;
    }
    throw e;
  } finally {
    console.log(`transfer ${amount} ${from.number} -> ${to.number} done`);
  }
}

const alice = new Account("Alice", 100);
const bob = new SavingsAccount("Bob", 250.5, 0.035);
console.log(transfer(alice, bob, 30));
console.log(transfer(alice, bob, 500));
console.log("interest:", bob.addInterest());
console.log(alice.balance, bob.balance.toFixed(2));
bob.frozen = true;
try {
  transfer(bob, alice, 10);
} catch (e) {
  console.log(e instanceof BankError, e instanceof AccountFrozen, e.name, e.message);
  console.log(Object.prototype.toString.call(e), String(e));
}
try {
  alice.deposit(-5);
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
}
console.log(alice.history);
console.log(bob.history.length, Account.count);
const e = new InsufficientFunds(alice, 1e6);
console.log(e.requested, e.message);
