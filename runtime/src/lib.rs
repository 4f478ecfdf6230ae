//! The runtime behind lambda-stack: the rules, the builders, Terraform JSON, packaging and the
//! command line. Users reach it through the `lambda-stack` crate; everything here can also be
//! called by hand, and the builders check the same rules the macro does.

pub use lambda_stack_core::{rules, scan};

mod adopt;
mod api;
mod auth;
mod bucket;
mod bus;
pub mod cli;
mod cors;
mod error;
mod function;
mod host;
mod iam;
mod kms;
mod layer;
pub mod local;
mod logs;
pub mod migrate;
mod origin;
pub mod output;
pub mod package;
mod param;
mod queue;
mod reference;
mod rest;
#[cfg(feature = "rust")]
pub mod rust;
mod secrets;
mod stack;
mod stream;
pub mod synth;
mod table;
pub mod terraform;
pub mod testing;
mod topic;
mod trigger;
mod vpc;

pub use lambda_stack_core::decl::Recursion;
pub use lambda_stack_core::decl::{Build, Bundle};

pub use crate::{
    api::Api,
    auth::Auth,
    bucket::Bucket,
    bus::Bus,
    cli::App,
    cors::Cors,
    error::{Error, Result},
    function::{Arch, Binary, Function, Tracing},
    iam::{ActionSpec, ManagedPolicy, Resource, Role, Statement},
    kms::KmsKey,
    layer::Layer,
    logs::Logs,
    origin::{Origin, Problem},
    param::Param,
    queue::Queue,
    reference::{EnvValue, Ref},
    rest::RestApi,
    secrets::{Secret, SsmParameter},
    stack::{Backend, Findings, Stack},
    stream::Stream,
    table::Table,
    topic::Topic,
    trigger::{EventTrigger, S3Trigger, ScheduleTrigger, SqsTrigger, StreamTrigger, Trigger},
    vpc::Vpc,
};

/// What `lambda_stack!` expands to calls: ordinary builders, reachable under a stable path.
#[doc(hidden)]
pub mod __private {
    pub use crate::{
        Api, Arch, Auth, Backend, Bucket, Build, Bundle, Bus, Cors, EnvValue, Function, KmsKey, Layer, Logs, Param,
        Queue, Recursion, Ref, Resource, RestApi, Role, Secret, SsmParameter, Stack, Statement, Stream, Table, Topic,
        Tracing, Trigger, Vpc,
    };
    /// A JSON value the macro wrote as text (an event pattern, a filter): valid JSON, since the
    /// macro wrote it from a value it read.
    pub fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).expect("the macro writes valid JSON")
    }
    /// What `#[function]` and the binding of a Rust function expand to.
    #[cfg(feature = "rust")]
    pub mod rust {
        pub use crate::rules::resources::Kind;
        pub use crate::rust::events::sent_by;
        pub use crate::rust::{
            block_on, check_key_once, check_references, check_visibility, detail_fields, lambda_runtime, service_fn,
            Binary, Error, LambdaEvent, Reference, RustFunction,
        };
    }
}
