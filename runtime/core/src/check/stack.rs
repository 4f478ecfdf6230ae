//! Rules about the stack as a whole: its name, region, tags, backend, and the names of its
//! declarations.

use std::collections::BTreeMap;

use super::{At, Checker, Location, Resolved};
use crate::decl::{ApiKind, Backend, DeclId, Stack};
use crate::keys::Key;
use crate::rules::{self, resources::Kind};
use crate::scan;

impl Checker<'_> {
    pub(super) fn check_stack(&mut self, stack: &Stack) {
        self.check_stack_name(stack);
        self.check_stages(stack);
        self.check_region(stack);
        self.check_concurrency(stack);
        self.check_tags(DeclId::Stack, &stack.tags);
        self.check_backend(stack);
        self.check_unique_names(stack);
        self.check_assets(stack);
        self.check_includes(stack);
        self.check_params(stack);
        if let Some(vpc) = &stack.vpc {
            self.check_vpc(DeclId::Stack, vpc);
        }
        if let Some(api) = &stack.api {
            self.check_api(stack, api);
        }
        if let Some(rest_api) = &stack.rest_api {
            self.check_rest_api(stack, rest_api);
        }
        if let Some(boundary) = &stack.boundary {
            let at = Location::new(DeclId::Stack, At::Value(Key::Boundary));
            self.check(at, rules::resources::check_policy_arn(boundary));
        }
        for (i, bucket) in stack.buckets.iter().enumerate() {
            self.check_bucket(DeclId::Bucket(i), bucket);
        }
        for (i, queue) in stack.queues.iter().enumerate() {
            self.check_queue(DeclId::Queue(i), queue);
        }
        for (i, table) in stack.tables.iter().enumerate() {
            self.check_table(DeclId::Table(i), table);
        }
        for (i, topic) in stack.topics.iter().enumerate() {
            self.check_topic(DeclId::Topic(i), topic);
        }
        for (i, stream) in stack.streams.iter().enumerate() {
            self.check_stream(DeclId::Stream(i), stream);
        }
        for (i, key) in stack.keys.iter().enumerate() {
            self.check_key(DeclId::Key(i), key);
        }
        self.check_kms_references(stack);
        for (i, secret) in stack.secrets.iter().enumerate() {
            self.check_secret(DeclId::Secret(i), secret);
        }
        for (i, parameter) in stack.parameters.iter().enumerate() {
            self.check_parameter(DeclId::Parameter(i), parameter);
        }
        for (i, layer) in stack.layers.iter().enumerate() {
            self.check_layer(DeclId::Layer(i), layer);
        }
        for (i, role) in stack.roles.iter().enumerate() {
            self.check_role(DeclId::Role(i), role);
        }
        for (i, function) in stack.functions.iter().enumerate() {
            self.check_function(DeclId::Function(i), function);
        }
        self.check_unique_routes(stack);
        self.check_policy_budget(stack);
        self.check_rest_routes(stack);
        self.check_s3_overlaps(stack);
        self.check_policy_sizes(stack);
        self.check_adoptions(stack);
        self.check_generated_names(stack);
        self.check_reference_cycles(stack);
        self.check_recursive_loops(stack);
    }

    /// Every `include:` pattern names Terraform files that read as Terraform, and no resource in
    /// them has a name the stack generates (`NAME` or `NAME-..` of a declaration, `http-api..`).
    fn check_includes(&mut self, stack: &Stack) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, include) in stack.include.iter().enumerate() {
            let at = Location::new(DeclId::Stack, At::Item(Key::Include, i));
            let Some(base) = &include.base else { continue };
            let Some(files) = self.check(at, scan::terraform::include_files(base, &include.pattern)) else { continue };
            for file in files {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let display = match include.pattern.rsplit_once('/') {
                    Some((dir, _)) => format!("{dir}/{name}"),
                    None => name.clone(),
                };
                if let Some(first) = seen.insert(name.clone(), i) {
                    let message = format!(
                        "`{display}` is named like a file of `{}`; included files share the stack's folder, so rename one",
                        stack.include[first].pattern
                    );
                    self.error(at, message);
                    continue;
                }
                self.findings.tracked_files.push(file.clone());
                let Some(resources) = self.check(at, scan::terraform::include_resources(&file, &display)) else {
                    continue;
                };
                for (kind, resource) in resources {
                    let owner = resource.split_once('-').map_or(resource.as_str(), |(owner, _)| owner);
                    let generated = stack.declarations().find(|(_, name, _)| *name == owner);
                    let clash = match generated {
                        Some((_, name, of)) => Some(format!("{of} `{name}`")),
                        None if resource.starts_with("http-api") => Some("the stack's HTTP API".to_string()),
                        None => None,
                    };
                    if let Some(what) = clash {
                        self.error(
                            at,
                            format!(
                                "`{kind}.{resource}` in `{display}` is named like the resources generated for {what}; \
                                 give it another name (generated names are `NAME` and `NAME-..`), or change the generated \
                                 one with `Stack::override_resource`"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// The stack name starts with a letter and fits the AWS names built from it.
    fn check_stack_name(&mut self, stack: &Stack) {
        self.check(Location::new(DeclId::Stack, At::Name), rules::names::check_stack_name(&stack.name));
    }

    /// `stages:` lists each stage once, by a short lowercase name, and names the stage this is.
    fn check_stages(&mut self, stack: &Stack) {
        let Some(stage) = &stack.stage else { return };
        let at = |i| Location::new(DeclId::Stack, At::Item(Key::Stages, i));
        for (i, name) in stage.all.iter().enumerate() {
            self.check(at(i), rules::stages::check_stage_name(name));
        }
        if let Err((i, message)) = rules::stages::check_stage_list(stage.all.iter().map(String::as_str)) {
            self.error(at(i), message);
        }
        if !stage.all.contains(&stage.name) {
            let message = format!(
                "`{}` is not one of the stack's stages{}",
                stage.name,
                rules::suggest::did_you_mean(&stage.name, stage.all.iter().map(String::as_str))
            );
            self.error(Location::new(DeclId::Stack, At::Value(Key::Stages)), message);
        }
    }

    /// `api { .. }` configures the HTTP API some function's `http(..)` route needs; its CORS rule
    /// is a valid one, and its throttle gives a rate or a burst.
    fn check_api(&mut self, stack: &Stack, api: &crate::decl::Api) {
        let at = |key| Location::new(DeclId::Stack, At::Api(key));
        let routed =
            stack.functions.iter().any(|f| f.triggers.iter().any(|t| matches!(t, crate::decl::Trigger::Http { .. })));
        if !routed {
            self.error(
                Location::new(DeclId::Stack, At::ApiBlock),
                "`api` configures the stack's HTTP API, which only functions with an `http(..)` trigger create; \
                 add a route or remove `api`",
            );
        }
        for (key, item, message) in api.cors.iter().flat_map(rules::cors::check_cors) {
            self.error(Location::new(DeclId::Stack, At::ApiCors(key, item)), message);
        }
        if let Some(auth) = &api.auth {
            self.check_auth(ApiKind::Http, auth, None, |part| {
                Location::new(DeclId::Stack, At::ApiAuth(ApiKind::Http, part))
            });
        }
        if let Some(domain) = &api.domain {
            self.check_domain(domain, stack.region.as_deref(), at);
        }
        if let Some(throttle) = api.throttle {
            self.check_throttle(throttle, at);
        }
    }

    /// A `throttle` gives a rate or a burst, neither of them 0.
    pub(super) fn check_throttle(&mut self, throttle: crate::decl::Throttle, at: impl Fn(Key) -> Location) {
        if throttle.rate.is_none() && throttle.burst.is_none() {
            self.error(at(Key::Throttle), "`throttle` sets nothing; give `rate:` (requests per second) and `burst:`");
        }
        if throttle.burst == Some(0) || throttle.rate == Some(0) {
            let key = if throttle.rate == Some(0) { Key::Rate } else { Key::Burst };
            self.error(at(key), "a limit of 0 refuses every request; give a positive limit, or leave it out");
        }
    }

    /// The account's concurrency limit, when given, is one Lambda has, and the functions' reserved
    /// concurrency leaves it 100 unreserved executions.
    fn check_concurrency(&mut self, stack: &Stack) {
        let at = Location::new(DeclId::Stack, At::Value(Key::AccountConcurrency));
        if let Some(limit) = stack.account_concurrency {
            if self.check(at, rules::limits::check_account_concurrency(limit)).is_none() {
                return;
            }
        }
        // Provisioned concurrency is taken from the reserved concurrency, or without one from the
        // account's unreserved pool, which keeps 100 likewise (`rules::versions`).
        let taken =
            |f: &crate::decl::Function| rules::versions::concurrency_taken(f.reserved_concurrency, f.provisioned);
        let reservations = stack.functions.iter().filter_map(taken);
        // A reservation beyond any account is reported by itself.
        if reservations.clone().any(|r| rules::limits::check_reserved_concurrency(r).is_err()) {
            return;
        }
        let reserved: u64 = reservations.sum();
        let Err(mut message) = rules::limits::check_concurrency_budget(reserved, stack.account_concurrency) else {
            return;
        };
        if stack.functions.iter().any(|f| f.reserved_concurrency.is_none() && f.provisioned.is_some()) {
            message.push_str(
                "; provisioned concurrency of a function without reserved concurrency counts too: lower `provisioned`",
            );
        }
        // On the function whose reservation crosses the budget, in source order.
        let budget = rules::limits::concurrency_budget(stack.account_concurrency);
        let mut sum = 0;
        for (f, function) in stack.functions.iter().enumerate() {
            sum += taken(function).unwrap_or(0);
            if sum > budget {
                let key =
                    if function.reserved_concurrency.is_some() { Key::ReservedConcurrency } else { Key::Provisioned };
                self.error(Location::new(DeclId::Function(f), At::Value(key)), message);
                return;
            }
        }
    }

    /// The region, when given, is one AWS has; without one, Terraform's AWS provider takes it from
    /// `AWS_REGION` or the profile.
    fn check_region(&mut self, stack: &Stack) {
        if let Some(region) = &stack.region {
            self.check(Location::new(DeclId::Stack, At::Value(Key::Region)), rules::regions::check_region(region));
        }
    }

    /// Tags follow AWS's rules: key 1–128 characters without `aws:`, value at most 256, at most 50.
    pub(super) fn check_tags(&mut self, decl: DeclId, tags: &[(String, String)]) {
        for (i, (key, value)) in tags.iter().enumerate() {
            if let Err((side, message)) = rules::limits::check_tag_sides(key, value) {
                let at = match side {
                    rules::limits::TagSide::KeySide => At::TagKey(i),
                    rules::limits::TagSide::ValueSide => At::TagValue(i),
                };
                self.error(Location::new(decl, at), message);
            }
        }
        if tags.len() > rules::limits::MAX_TAGS {
            let all = rules::limits::check_tags(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            self.check(Location::new(decl, At::TagKey(rules::limits::MAX_TAGS)), all);
        }
    }

    /// An S3 backend names a valid bucket, a relative key and a real region.
    fn check_backend(&mut self, stack: &Stack) {
        let Backend::S3 { bucket, key, region, .. } = &stack.backend else { return };
        let at = |key| Location::new(DeclId::Stack, At::Backend(key));
        self.check(at(Key::Bucket), rules::names::check_bucket_name(bucket));
        self.check(at(Key::StateKey), rules::names::check_state_key(key));
        if let Some(region) = region {
            self.check(at(Key::Region), rules::regions::check_region(region));
        }
    }

    /// Every declaration of a stack has its own name: references and Terraform addresses use it.
    fn check_unique_names(&mut self, stack: &Stack) {
        let mut seen: BTreeMap<&str, Kind> = BTreeMap::new();
        for (id, name, kind) in stack.in_source_order() {
            match seen.get(name) {
                Some(first) => self.error(
                    Location::new(id, At::Name),
                    format!(
                        "the name `{name}` is already used by a {first} of stack `{}`; each declaration of a stack needs its own name",
                        stack.name
                    ),
                ),
                None => {
                    seen.insert(name, kind);
                }
            }
        }
    }

    /// `assets:` names a bucket of the stack.
    fn check_assets(&mut self, stack: &Stack) {
        let Some(assets) = &stack.assets else { return };
        let at = Location::new(DeclId::Stack, At::Value(Key::Assets));
        if let Resolved::Kind(kind) = self.resolve(assets, at) {
            if kind != Kind::Bucket {
                let limit = rules::limits::MAX_ZIP_BYTES / 1024 / 1024;
                self.error(
                    at,
                    format!(
                        "`assets` names the bucket that packages over {limit} MB are uploaded to, but `{assets}` is a {kind}; \
                         declare a `bucket` and name it here"
                    ),
                );
            }
        }
    }
}
