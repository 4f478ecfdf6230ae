// `#[function]` goes on an `async fn`.
use lambda_stack::prelude::*;

#[function]
struct Hello;

fn main() {}
