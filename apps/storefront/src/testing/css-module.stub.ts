// A CSS module in unit tests: every class name is its own key (`styles.wait` is "wait"), so
// rendered markup shows which style a component gave each element.
const classNames: Record<string, string> = new Proxy({}, { get: (_, name) => String(name) });

export default classNames;
