//! The runtime behind lambda-stack: the rules, the builders, Terraform JSON, packaging and the
//! command line. Users reach it through the `lambda-stack` crate.

pub mod rules;
