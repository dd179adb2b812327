//! The tree a parsed expression becomes: numbers, variables, operators and function calls.

/// One node of an expression tree. Variables are indices into [`super::Expression::variables`], so
/// evaluation never compares names.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A literal, or one of the constants `pi` and `e` (replaced by its value when parsed).
    Number(f64),
    /// The variable at this index of the expression's variable list.
    Variable(usize),
    Unary(UnaryOp, Box<Node>),
    Binary(BinaryOp, Box<Node>, Box<Node>),
    Call(Function, Box<Node>),
}

/// The one prefix operator. `-x^2` is `-(x^2)`: the power binds tighter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negate,
}

/// The infix operators. `Power` groups to the right (`2^3^2 = 2^9`), the others to the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

/// The functions a formula may call, each of one argument. `Log` is the natural logarithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Sin,
    Cos,
    Tan,
    Exp,
    Log,
    Sqrt,
    Abs,
    Tanh,
}

impl Function {
    /// Every function, in the order the error message for an unknown name lists them.
    pub const ALL: [Function; 8] = [
        Function::Sin,
        Function::Cos,
        Function::Tan,
        Function::Exp,
        Function::Log,
        Function::Sqrt,
        Function::Abs,
        Function::Tanh,
    ];

    /// The name as typed: `sin`, `log`, ...
    pub fn name(self) -> &'static str {
        match self {
            Function::Sin => "sin",
            Function::Cos => "cos",
            Function::Tan => "tan",
            Function::Exp => "exp",
            Function::Log => "log",
            Function::Sqrt => "sqrt",
            Function::Abs => "abs",
            Function::Tanh => "tanh",
        }
    }

    /// The function called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL
            .into_iter()
            .find(|function| function.name() == name)
    }
}

impl BinaryOp {
    /// The operator's symbol: `+ - * / ^`.
    pub fn symbol(self) -> char {
        match self {
            BinaryOp::Add => '+',
            BinaryOp::Subtract => '-',
            BinaryOp::Multiply => '*',
            BinaryOp::Divide => '/',
            BinaryOp::Power => '^',
        }
    }
}
