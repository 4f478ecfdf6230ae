// The code folder has Java sources but no `pom.xml` for Maven to build.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function orders {
            runtime: java17,
            handler: "example.Handler::handleRequest",
            code: "functions/java-without-pom",
            build: maven,
        }
    }
}

fn main() {
    let _ = shop();
}
