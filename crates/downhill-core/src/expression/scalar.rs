//! The arithmetic the evaluator and the reverse sweep are written over: plain `f64` for values and
//! gradients, and [`Dual`] (a value with one directional derivative) for the Hessian, which is the
//! reverse sweep run on dual numbers ("forward over reverse"), one column per variable.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A number the expression can be evaluated and differentiated in.
pub trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    fn constant(value: f64) -> Self;
    /// The plain value (for the tests that pick a rule, like `abs` at 0).
    fn value(self) -> f64;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn sqrt(self) -> Self;
    fn abs(self) -> Self;
    fn tanh(self) -> Self;
    fn pow(self, exponent: Self) -> Self;
}

impl Scalar for f64 {
    fn constant(value: f64) -> Self {
        value
    }
    fn value(self) -> f64 {
        self
    }
    fn sin(self) -> Self {
        f64::sin(self)
    }
    fn cos(self) -> Self {
        f64::cos(self)
    }
    fn tan(self) -> Self {
        f64::tan(self)
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn abs(self) -> Self {
        f64::abs(self)
    }
    fn tanh(self) -> Self {
        f64::tanh(self)
    }
    fn pow(self, exponent: Self) -> Self {
        self.powf(exponent)
    }
}

/// `value + tangent * epsilon` with `epsilon^2 = 0`: carrying the tangent through a computation gives
/// its exact derivative along one direction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    pub value: f64,
    pub tangent: f64,
}

/// `tangent * factor`, but exactly 0 when the tangent is 0: a constant stays constant even where the
/// local derivative is infinite (`0 * inf` would be NaN), so `1/0` as a constant does not spread NaN.
fn carry(tangent: f64, factor: f64) -> f64 {
    if tangent == 0.0 {
        0.0
    } else {
        tangent * factor
    }
}

impl Dual {
    fn chain(self, value: f64, derivative: f64) -> Dual {
        Dual {
            value,
            tangent: carry(self.tangent, derivative),
        }
    }
}

impl Add for Dual {
    type Output = Dual;
    fn add(self, other: Dual) -> Dual {
        Dual {
            value: self.value + other.value,
            tangent: self.tangent + other.tangent,
        }
    }
}

impl Sub for Dual {
    type Output = Dual;
    fn sub(self, other: Dual) -> Dual {
        Dual {
            value: self.value - other.value,
            tangent: self.tangent - other.tangent,
        }
    }
}

impl Mul for Dual {
    type Output = Dual;
    fn mul(self, other: Dual) -> Dual {
        Dual {
            value: self.value * other.value,
            tangent: carry(self.tangent, other.value) + carry(other.tangent, self.value),
        }
    }
}

impl Div for Dual {
    type Output = Dual;
    fn div(self, other: Dual) -> Dual {
        let quotient = self.value / other.value;
        Dual {
            value: quotient,
            tangent: carry(self.tangent, 1.0 / other.value)
                - carry(other.tangent, quotient / other.value),
        }
    }
}

impl Neg for Dual {
    type Output = Dual;
    fn neg(self) -> Dual {
        Dual {
            value: -self.value,
            tangent: -self.tangent,
        }
    }
}

impl Scalar for Dual {
    fn constant(value: f64) -> Self {
        Dual {
            value,
            tangent: 0.0,
        }
    }
    fn value(self) -> f64 {
        self.value
    }
    fn sin(self) -> Self {
        self.chain(self.value.sin(), self.value.cos())
    }
    fn cos(self) -> Self {
        self.chain(self.value.cos(), -self.value.sin())
    }
    fn tan(self) -> Self {
        let tangent_of = self.value.tan();
        self.chain(tangent_of, 1.0 + tangent_of * tangent_of)
    }
    fn exp(self) -> Self {
        let exponential = self.value.exp();
        self.chain(exponential, exponential)
    }
    fn ln(self) -> Self {
        self.chain(self.value.ln(), 1.0 / self.value)
    }
    fn sqrt(self) -> Self {
        let root = self.value.sqrt();
        self.chain(root, 0.5 / root)
    }
    fn abs(self) -> Self {
        self.chain(self.value.abs(), sign(self.value))
    }
    fn tanh(self) -> Self {
        let hyperbolic = self.value.tanh();
        self.chain(hyperbolic, 1.0 - hyperbolic * hyperbolic)
    }
    /// `d(a^b) = b a^(b-1) da + a^b ln(a) db`, each term taken as 0 where PyTorch takes it as 0
    /// (see [`power_base_factor`] and [`power_exponent_factor`]).
    fn pow(self, exponent: Self) -> Self {
        let value = self.value.powf(exponent.value);
        Dual {
            value,
            tangent: carry(self.tangent, power_base_factor(self.value, exponent.value))
                + carry(
                    exponent.tangent,
                    power_exponent_factor(self.value, exponent.value, value),
                ),
        }
    }
}

/// The sign with `sign(0) = 0`: the derivative of `abs` PyTorch uses at the kink. NaN stays NaN.
pub fn sign(value: f64) -> f64 {
    if value > 0.0 {
        1.0
    } else if value < 0.0 {
        -1.0
    } else if value == 0.0 {
        0.0
    } else {
        f64::NAN
    }
}

/// `d(a^b)/da = b a^(b-1)`, and 0 when `b = 0` (so `x^0` is flat even at `x = 0`, as in PyTorch).
pub fn power_base_factor(base: f64, exponent: f64) -> f64 {
    if exponent == 0.0 {
        0.0
    } else {
        exponent * base.powf(exponent - 1.0)
    }
}

/// `d(a^b)/db = a^b ln(a)`, and 0 when `a = 0` and `b >= 0` (PyTorch's rule, which keeps `0 * -inf`
/// out of `x^y` at `x = 0`).
pub fn power_exponent_factor(base: f64, exponent: f64, power: f64) -> f64 {
    if base == 0.0 && exponent >= 0.0 {
        0.0
    } else {
        power * base.ln()
    }
}
