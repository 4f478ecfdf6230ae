// A function with more pushing sources than its 20 KB resource policy can let in: 55
// schedules, each a statement of the policy.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function ticker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [
                schedule("rate(2 minutes)"),
                schedule("rate(3 minutes)"),
                schedule("rate(4 minutes)"),
                schedule("rate(5 minutes)"),
                schedule("rate(6 minutes)"),
                schedule("rate(7 minutes)"),
                schedule("rate(8 minutes)"),
                schedule("rate(9 minutes)"),
                schedule("rate(10 minutes)"),
                schedule("rate(11 minutes)"),
                schedule("rate(12 minutes)"),
                schedule("rate(13 minutes)"),
                schedule("rate(14 minutes)"),
                schedule("rate(15 minutes)"),
                schedule("rate(16 minutes)"),
                schedule("rate(17 minutes)"),
                schedule("rate(18 minutes)"),
                schedule("rate(19 minutes)"),
                schedule("rate(20 minutes)"),
                schedule("rate(21 minutes)"),
                schedule("rate(22 minutes)"),
                schedule("rate(23 minutes)"),
                schedule("rate(24 minutes)"),
                schedule("rate(25 minutes)"),
                schedule("rate(26 minutes)"),
                schedule("rate(27 minutes)"),
                schedule("rate(28 minutes)"),
                schedule("rate(29 minutes)"),
                schedule("rate(30 minutes)"),
                schedule("rate(31 minutes)"),
                schedule("rate(32 minutes)"),
                schedule("rate(33 minutes)"),
                schedule("rate(34 minutes)"),
                schedule("rate(35 minutes)"),
                schedule("rate(36 minutes)"),
                schedule("rate(37 minutes)"),
                schedule("rate(38 minutes)"),
                schedule("rate(39 minutes)"),
                schedule("rate(40 minutes)"),
                schedule("rate(41 minutes)"),
                schedule("rate(42 minutes)"),
                schedule("rate(43 minutes)"),
                schedule("rate(44 minutes)"),
                schedule("rate(45 minutes)"),
                schedule("rate(46 minutes)"),
                schedule("rate(47 minutes)"),
                schedule("rate(48 minutes)"),
                schedule("rate(49 minutes)"),
                schedule("rate(50 minutes)"),
                schedule("rate(51 minutes)"),
                schedule("rate(52 minutes)"),
                schedule("rate(53 minutes)"),
                schedule("rate(54 minutes)"),
                schedule("rate(55 minutes)"),
                schedule("rate(56 minutes)"),
            ],
        }
    }
}

fn main() {
    let _ = shop();
}
