//! lambda-stack
