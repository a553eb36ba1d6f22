// The catalogue of the documents' prose: one row per phrase, English and Chinese side by
// side, so a sentence is changed in both languages at once. Holes {0}, {1}, … are filled
// by `say` with math, names or numbers; the comment before a row says what each hole is
// when the row does not make it plain.
#include "prose.hpp"

#include <array>
#include <stdexcept>

namespace chainrule::derivations {
namespace {

struct Entry {
    Phrase phrase;
    const char* english;
    const char* chinese;
};

using P = Phrase;
constexpr std::array kCatalogue{
    Entry{P::ListComma, ", ", "、"},
    Entry{P::ListAnd, " and ", " 和 "},
    Entry{P::RoleVariable, "variable", "变量"},
    Entry{P::RoleConstant, "constant", "常量"},
    Entry{P::RoleDefined, "defined", "中间量"},
    Entry{P::Given, "given", "已知"},
    // {0}: the output's name
    Entry{P::DefaultTitle, "Chain-rule derivation of the gradient of {0}", "{0} 的梯度：链式法则推导"},
    Entry{P::NotationHeading, "Notation", "符号说明"},
    // {0}: significant digits; then one of the precision sentences
    Entry{P::NotationIntro, "Every symbol used below. Numbers are printed with {0} significant digits, each of them correct: ",
          "下文用到的全部符号。数值保留 {0} 位有效数字，每一位都正确："},
    Entry{P::HeaderSymbol, "symbol", "符号"},
    Entry{P::HeaderKind, "kind", "类别"},
    Entry{P::HeaderDefinition, "definition", "定义"},
    Entry{P::HeaderValue, "value", "数值"},
    // {0}: working digits, {1}: twice as many
    Entry{P::PrecisionTwoRungs, "every number was computed at {0} digits and again at {1}, and the two agree in every printed digit.",
          "每个数都先以 {0} 位精度计算，再以 {1} 位精度重算，两次结果的每一位打印数字都相同。"},
    // {0}: working digits, {1}: the highest precision used
    Entry{P::PrecisionLadder,
          "every number was computed at {0} digits and again at doubled precision, up to {1} digits where a subtraction "
          "cancelled leading digits, until two consecutive precisions agreed in every printed digit.",
          "每个数都先以 {0} 位精度计算，再逐次加倍精度重算（减法抵消了前几位有效数字的地方最高用到 {1} 位），直到相邻两次结果的每一位打印数字都相同。"},
    // {0}: the precision cap
    Entry{P::PrecisionUnsettledOne,
          " One number is still not settled at {0} digits (cancellation): it prints only its certain digits, marked with a "
          "dagger (a zero within a bound prints as 0 with the bound, a number with no certain digit as ?).",
          "有 1 个数在 {0} 位精度下仍未确定（相减抵消）：它只打印确定的数字，并以 † 标出（界内的零打印为 0 及其界，没有确定数字的数打印为 ?）。"},
    // {0}: how many numbers, {1}: the precision cap
    Entry{P::PrecisionUnsettledMany,
          " {0} numbers are still not settled at {1} digits (cancellation): those print only their certain digits, marked "
          "with a dagger (a zero within a bound prints as 0 with the bound, a number with no certain digit as ?).",
          "有 {0} 个数在 {1} 位精度下仍未确定（相减抵消）：它们只打印确定的数字，并以 † 标出（界内的零打印为 0 及其界，没有确定数字的数打印为 ?）。"},
    // {0}: how many numbers, {1}: the range's limit ("10^±1.388e18")
    Entry{P::PrecisionOutOfRange,
          " {0} of the numbers could not be computed: a step leaves the arithmetic's range ({1}), and such a number "
          "prints as ? (never as 0 or ∞).",
          "有 {0} 个数无法计算：某一步超出了运算的数值范围（{1}），这样的数打印为 ?（绝不打印为 0 或 ∞）。"},
    // {0}: ∂E/∂w, {1}: E, {2}: w
    Entry{P::DerivativeNotation,
          "Derivatives: {0} is the derivative of {1} by {2} through the graph (every node between them changes with {2}; "
          "the chain rule sums it over the paths from {1} down to {2}, reverse mode computes it). A local partial "
          "differentiates one node's formula by one node it reads, its other reads held fixed, and is written the same "
          "way where it is the same number.",
          "导数记号：{0} 是 {1} 经由计算图对 {2} 的导数（两者之间的每个节点都随 {2} 变化；链式法则把它写成从 {1} 到 {2} "
          "的各条路径之和，反向模式算的也是它）。局部偏导数是把一个节点的公式对它读取的某一个节点求导，其余读取的节点保持不变；"
          "与经由计算图的导数数值相同时，两者写法相同。"},
    // {0}: (∂p/∂T)_V, {1}: the sheet's example, {2}: the node, {3}: the read, {4}: the reads held fixed
    Entry{P::HeldFixedNotation,
          " Where it is not, because the node also depends on that node through its other reads, the reads held fixed "
          "are a subscript, as thermodynamics writes {0}: {1} is the formula of {2} differentiated by {3} with {4} held "
          "fixed.",
          "两者不同时（该节点还经由它读取的其他节点依赖于这个节点），保持不变的节点写成下标，如同热力学的 {0}：{1} 表示把 {2} "
          "的公式对 {3} 求导，同时保持 {4} 不变。"},
    Entry{P::ForwardPassHeading, "Forward pass", "前向计算"},
    // {0}: E, {1}: w
    Entry{P::SingleFactorDirect, "{0} reads {1} directly and through no other node, so the gradient is the local partial:",
          "{0} 直接读取 {1}，不经过其他节点，所以梯度就是这个局部偏导数："},
    // {0}: E, {1}: w, {2}: the nodes in between
    Entry{P::SingleFactorThrough,
          "{0} depends on {1} only through {2}, and each step down to the last has partial 1, so the gradient is one "
          "local partial:",
          "{0} 只经由 {2} 依赖于 {1}，且最后一步之前每一步的偏导数都是 1，所以梯度就是一个局部偏导数："},
    // {0}: E, {1}: w
    Entry{P::PathsIntroOne, "Chain rule along the one path from {0} down to {1} (the product of the local partials on it):",
          "沿从 {0} 到 {1} 的唯一一条路径应用链式法则（路径上各局部偏导数之积）："},
    // {0}: the number of paths, {1}: E, {2}: w
    Entry{P::PathsIntroMany,
          "Chain rule over the {0} paths from {1} down to {2} (the sum over paths of the product of local partials):",
          "对从 {1} 到 {2} 的 {0} 条路径应用链式法则（各条路径上局部偏导数之积的和）："},
    Entry{P::LocalPartialsIntro, "Local partials, as formula and as number:", "局部偏导数的公式与数值："},
    Entry{P::ProductOne, "Product:", "乘积："},
    Entry{P::ProductsMany, "Products, one per path, and their sum:", "每条路径的乘积，以及它们的和："},
    Entry{P::DeltasHeading, "Backpropagation with deltas", "用 δ 做反向传播"},
    // {0}: δ_N = ∂E/∂N, {1}: E, {2}: N, {3}: δ_E = 1, {4}: the rule, {5}: C, {6}: C = E
    Entry{P::DeltasIntro,
          "Deltas: {0}, the derivative of {1} by {2} through the graph, computed once per named node from {1} down: {3}, "
          "and {4} over the named nodes {5} that read {2}, each with its local partial (for {6} the term is the local "
          "partial alone, as {3}).",
          "δ 记号：{0}，即 {1} 经由计算图对 {2} 的导数，从 {1} 开始向下为每个命名节点算一次：{3}，以及 {4}，"
          "其中求和遍历读取 {2} 的命名节点 {5}，每项乘以相应的局部偏导数（对 {6}，因为 {3}，该项就是局部偏导数本身）。"},
    Entry{P::DeltasGradientOne, "The gradient, from the nodes that read the parameter:", "梯度，由读取该参数的节点得到："},
    Entry{P::DeltasGradientMany, "Each gradient, from the nodes that read its parameter:", "各个梯度，由读取相应参数的节点得到："},
    Entry{P::SingularHeading, "Points where a function is not differentiable", "函数不可导的点"},
    // {0}: the function's name, {1}: "argument = value", {2}: the node
    Entry{P::SingularWhere, "{0} at {1} (in the definition of {2})", "{0} 在 {1} 处（{2} 的定义中）"},
    // {0}: where (SingularWhere), {1}: the function, {2}: left derivative, {3}: right, {4}: the convention
    Entry{P::SingularKink,
          "{0} is a kink: the derivative of {1} is {2} from the left and {3} from the right. The convention used here "
          "(as everywhere in chainrule): {4}. Either one-sided value is as good an answer as the convention's.",
          "{0}是一个折点：{1} 的左导数为 {2}，右导数为 {3}。本讲义采用的约定（chainrule 处处如此）：{4}。"
          "两个单侧导数中的任何一个都与约定值一样是正确答案。"},
    // {0}: where, {1}: the function, {2}: the convention
    Entry{P::SingularJump,
          "{0} is a jump of {1}: its derivative is 0 on both sides. The convention used here: {2}.",
          "{0}是 {1} 的跳跃点：两侧导数都是 0。本讲义采用的约定：{2}。"},
    // {0}: where, {1}: the convention
    Entry{P::SingularInfiniteDerivative, "{0}: {1}, so every derivative through this step is infinite here.",
          "{0}：{1}，所以经过这一步的每个导数在此处都是无穷大。"},
    Entry{P::SingularOther, "{0}: {1}.", "{0}：{1}。"},
    // {0}: ∂E/∂w = value
    Entry{P::BothSidesAgree,
          "From both sides the gradient is {0}: the function is differentiable here, and that is its derivative. The "
          "value above follows the ops' conventions at the kink (as PyTorch's reverse mode would) and is not the "
          "derivative.",
          "从左右两侧看梯度都是 {0}：函数在此处可导，这就是它的导数。上面的数值按各运算在折点处的约定计算"
          "（与 PyTorch 的反向模式相同），不是导数。"},
    // {0}: ∂E/∂w = left value, {1}: w, {2}: right value
    Entry{P::TwoOneSidedValues,
          "At this kink the gradient has two one-sided values: {0} from the left ({1} slightly smaller) and {2} from the "
          "right; the value above is the convention's.",
          "在这个折点处梯度有两个单侧值：从左侧（{1} 略小）为 {0}，从右侧为 {2}；上面的数值是按约定取的。"},
    Entry{P::ConventionRelu, "relu'(0) = 0, as in PyTorch", "relu'(0) = 0，与 PyTorch 相同"},
    Entry{P::ConventionAbs, "|x|'(0) = 0, the subgradient of least norm", "|x|'(0) = 0，即范数最小的次梯度"},
    Entry{P::ConventionJump, "the derivative is taken as 0 at the jump too", "跳跃点处导数也取 0"},
    Entry{P::ConventionLeakyRelu, "leaky_relu'(0) = its slope", "leaky_relu'(0) 取其斜率"},
    Entry{P::ConventionTie, "at a tie each argument gets half of the derivative", "两个参数相等时各分得导数的一半"},
    Entry{P::ConventionHypot, "hypot' = 0 at the origin", "hypot 在原点处的导数取 0"},
    Entry{P::ConventionAtan2, "atan2 is undefined at the origin; its partials are taken as 0", "atan2 在原点无定义；其偏导数取 0"},
    Entry{P::ConventionCbrt, "cbrt'(0) is infinite", "cbrt'(0) 为无穷大"},
    Entry{P::ConventionAsinAcos, "the derivative is infinite at ±1", "在 ±1 处导数为无穷大"},
    Entry{P::ConventionLogZero, "log 0 is minus infinity and log'(0) is infinite", "log 0 为负无穷，log'(0) 为无穷大"},
    Entry{P::ConventionLogNegative, "the log of a negative number is undefined", "负数的对数无定义"},
    Entry{P::ConventionFractionalPowerOfNegative, "a negative number to a fractional power is undefined", "负数的分数次幂无定义"},
    // {0}: the power's name (sqrt, x^1/3, …)
    Entry{P::ConventionPowerInfiniteDerivative, "{0}'(0) is infinite", "{0}'(0) 为无穷大"},
    Entry{P::ConventionPowerInfiniteValue, "{0} is infinite at 0", "{0} 在 0 处为无穷大"},
    Entry{P::ConventionSelu, "selu'(0) = λα ≈ 1.758, the left branch, as in PyTorch",
          "selu'(0) 取左支的 λα ≈ 1.758，与 PyTorch 相同"},
    // {0}: "f'(0) = v", a catalogue function without a phrase of its own
    Entry{P::ConventionRuleValue, "{0}, the value its rule takes there", "{0}，即其规则在该点所取的值"},
    Entry{P::CrossCheck, "Cross-check", "验算"},
    Entry{P::CrossCheckOf, "Cross-check of {0}", "{0} 的验算"},
    // {0}: CrossCheck or CrossCheckOf, {1}: the reverse-mode value
    Entry{P::CrossCheckAgrees, "{0}: the reverse-mode gradient of the same tape is {1} — it agrees in every printed digit.",
          "{0}：反向模式对同一计算算出的梯度为 {1}——每一位打印数字都一致。"},
    Entry{P::CrossCheckDisagrees, "{0}: the reverse-mode gradient of the same tape is {1} — it DISAGREES with the derivation above.",
          "{0}：反向模式对同一计算算出的梯度为 {1}——与上面的推导不一致！"},
    Entry{P::CrossCheckUndefined,
          "{0}: the reverse-mode gradient of the same tape is undefined here (an infinite local partial met a zero or an "
          "opposite infinity in the sweep: see the points where a function is not differentiable), so it cannot confirm "
          "the derivation above, whose simplified formula is finite.",
          "{0}：反向模式对同一计算算出的梯度在此处无定义（反向扫描中一个无穷大的局部偏导数遇到了 0 或符号相反的无穷大，"
          "见函数不可导的点），因此无法验证上面的推导；推导化简后的公式是有限的。"},
    // {0}: CrossCheck or CrossCheckOf, {1}: the reverse-mode value, {2}: the highest precision (digits)
    Entry{P::CrossCheckCannotConfirm,
          "{0}: the reverse-mode gradient of the same tape is {1} — it cannot confirm the derivation above: the two "
          "numbers are not both settled at {2} digits.",
          "{0}：反向模式对同一计算算出的梯度为 {1}——无法验证上面的推导：这两个数在 {2} 位精度下仍未都确定。"},
    Entry{P::CrossCheckAllOne, "Cross-check: the reverse-mode gradient of the same tape agrees with it in every printed digit.",
          "验算：反向模式对同一计算算出的梯度与它的每一位打印数字都一致。"},
    Entry{P::CrossCheckAllMany,
          "Cross-check: the reverse-mode gradients of the same tape agree with each of these in every printed digit.",
          "验算：反向模式对同一计算算出的各个梯度与上面各个结果的每一位打印数字都一致。"},
    Entry{P::UpdateHeading, "Gradient-descent update", "梯度下降更新"},
    // {0}: η = value
    Entry{P::UpdateIntro, "One step with learning rate {0}:", "学习率 {0}，更新一步："},
    Entry{P::SummaryHeading, "Summary", "小结"},
    Entry{P::HeaderParameter, "parameter", "参数"},
    Entry{P::HeaderGradient, "gradient", "梯度"},
    Entry{P::HeaderCheck, "check", "验算"},
    Entry{P::HeaderAfterStep, "after one step", "更新一步后"},
    Entry{P::AgreesWithReverseMode, "agrees with reverse mode", "与反向模式一致"},
    Entry{P::Disagrees, "DISAGREES", "不一致"},
    Entry{P::CannotConfirm, "cannot confirm (not settled)", "无法验证（数值未确定）"},
    Entry{P::SecondOrderHeading, "Second derivatives", "二阶导数"},
    Entry{P::SecondOrderIntro,
          "Each second derivative differentiates a chain-rule product above once more. By the product rule every factor "
          "is differentiated in turn, the others kept; a factor's derivative goes through the nodes its formula reads, "
          "each of which is a first derivative again.",
          "每个二阶导数都是把上面的链式法则乘积再求一次导。按乘积法则，依次对每个因子求导，其余因子不变；"
          "因子的导数通过其公式所读取的节点求得，而这些节点的导数又是一阶导数。"},
    // {0}: the gradient ∂E/∂p, {1}: p
    Entry{P::SecondOrderProductRule, "Differentiate {0} by {1} with the product rule:", "用乘积法则对 {0} 关于 {1} 求导："},
    // {0}: p
    Entry{P::SecondOrderFactors, "The derivative of each factor by {0} (0 where the factor does not depend on {0}):",
          "每个因子关于 {0} 的导数（因子不依赖 {0} 时为 0）："},
    // {0}: p
    Entry{P::SecondOrderTangents, "The first derivatives by {0} used there (by the chain rule, as above):",
          "其中用到的关于 {0} 的一阶导数（按链式法则，同上）："},
    Entry{P::SecondOrderNumbers, "With the numbers:", "代入数值："},
    // {0}: the value
    Entry{P::SecondOrderCheckAgrees,
          "Cross-check: forward-over-reverse differentiation of the tape (the Hessian) gives {0}, the same.",
          "验证：对计算图做前向套反向求导（黑塞矩阵）得到 {0}，结果一致。"},
    Entry{P::SecondOrderCheckOther,
          "Cross-check: forward-over-reverse differentiation of the tape (the Hessian) gives {0}; the two cannot be "
          "compared in every printed digit (a number not settled, or not finite).",
          "验证：对计算图做前向套反向求导（黑塞矩阵）得到 {0}；两者无法逐位比较（某个数值未确定或不是有限数）。"},
    Entry{P::SecondOrderCheckDisagrees,
          "Cross-check: forward-over-reverse differentiation of the tape (the Hessian) gives {0}: it DISAGREES with the "
          "product rule above.",
          "验证：对计算图做前向套反向求导（黑塞矩阵）得到 {0}：与上面乘积法则的结果不一致。"},
    // {0}: E
    Entry{P::SecondOrderHessian,
          "The Hessian of {0} by the parameters, by forward-over-reverse: the entry in row a and column b is the "
          "derivative of {0} by a and then by b.",
          "{0} 关于各参数的黑塞矩阵，由前向套反向求导得到：第 a 行第 b 列的元素是 {0} 先对 a、再对 b 求的导数。"},
    Entry{P::SecondOrderHessianOnly,
          "The gradients above are derived with deltas (or have more than 64 paths): there is no path product to "
          "differentiate factor by factor, so the second derivatives are given by the Hessian alone.",
          "上面的梯度用 δ 推导（或路径超过 64 条）：没有可逐因子求导的路径乘积，因此二阶导数只由黑塞矩阵给出。"},
    // {0}: a blank to write in
    Entry{P::SheetNameLine, "Name: {0} Write each answer on its numbered line.", "姓名：{0} 请把每个答案写在对应编号的横线上。"},
    Entry{P::KeyLegend, "Answer key: the boxed number after an answer is its line's number on the blank sheet.",
          "答案：答案后方框中的数字是空白练习纸上对应横线的编号。"},
    Entry{P::GraphCaption,
          "The computation graph: each node with its value and its adjoint (the derivative of the output by it), "
          "each edge with its local partial.",
          "计算图：每个节点标出其值和伴随值（输出对它的导数），每条边标出其局部偏导数。"},
    Entry{P::GraphHint,
          "Click a node or a parameter to light its chain-rule paths and go to its derivation; point at a "
          "derivative in a formula to see its edges.",
          "点击节点或参数，高亮其链式法则路径并跳转到其推导；将鼠标指向公式中的导数，可查看它对应的边。"},
    Entry{P::GraphParameters, "Parameters:", "参数："},
    // {0}: how many named nodes, {1}: the most that are drawn
    Entry{P::GraphNotDrawn, "The graph has {0} named nodes and is not drawn (at most {1} are).",
          "该图有 {0} 个命名节点，未绘制（最多绘制 {1} 个）。"},
    Entry{P::FactorOnePath, "through the graph: the product along the path lit in it",
          "经由计算图：图中高亮路径上局部偏导数之积"},
    // {0}: how many paths
    Entry{P::FactorManyPaths, "through the graph: the sum over the {0} paths lit in it",
          "经由计算图：图中高亮的 {0} 条路径之和"},
    Entry{P::ClaimTitle, "Claim check", "推导核对"},
    Entry{P::HeaderClaim, "claim", "断言"},
    Entry{P::HeaderVerdict, "verdict", "判定"},
    Entry{P::HeaderRightValue, "right value", "正确值"},
    Entry{P::HeaderDifference, "difference", "差"},
    Entry{P::HeaderNote, "note", "说明"},
    Entry{P::VerdictCorrect, "correct", "正确"},
    Entry{P::VerdictCarriedForward, "carried forward", "沿用前步"},
    Entry{P::VerdictWrong, "wrong", "错误"},
    Entry{P::VerdictHoldsIdentically, "holds identically", "恒成立"},
    Entry{P::VerdictHoldsAtThisPointOnly, "holds at this point only", "仅在此点成立"},
    Entry{P::VerdictCannotBeChecked, "cannot be checked", "无法核对"},
    Entry{P::ClaimCountOne, "1 claim", "1 条断言"},
    // {0}: how many
    Entry{P::ClaimCountMany, "{0} claims", "{0} 条断言"},
    // {0}: "#3 dE/dw5"
    Entry{P::FirstErrorIs, "first error: {0}", "第一个错误：{0}"},
    // {0}: how many claims, {1}: the verdict
    Entry{P::VerdictCount, "{0} {1}", "{1} {0} 条"},
    Entry{P::SummaryColon, ": ", "："},
    Entry{P::SummaryComma, ", ", "，"},
    Entry{P::SummarySemicolon, "; ", "；"},
    Entry{P::AgreementExact, "exact", "精确"},
    Entry{P::AgreementRounded, "correctly rounded", "正确舍入"},
    Entry{P::AgreementTruncated, "truncated, not rounded", "截断而非舍入"},
    Entry{P::AgreementWithinOneUnit, "within one unit of the last digit (neither rounded nor truncated)",
          "与末位相差不超过一个单位（既非舍入也非截断）"},
    // {0}: the claims it comes from
    Entry{P::CarriedFrom, "carried forward from {0}", "沿用了 {0} 的错误"},
    Entry{P::FollowsFrom, "follows from {0} (rounding carried forward)", "由 {0} 得出（沿用了其舍入）"},
    Entry{P::FirstError, "first error", "第一个错误"},
    Entry{P::NothingCarried, "nothing later is carried forward from it", "后面没有沿用它的结果"},
    Entry{P::CarriedInto, "carried forward into {0}", "被 {0} 沿用"},
    // {0}: the claimed formula's value here
    Entry{P::FormulaGives, "the formula gives {0} here", "该公式在此处的值为 {0}"},
    // {0}: points where it holds, {1}: points checked
    Entry{P::HoldsAtPoints, "holds at {0} of {1} random points", "在 {1} 个随机点中的 {0} 个成立"},
    // {0}: the right value as far as it is known ("0 (±1e-1598)")
    Entry{P::RightValueUnsettled,
          "the right value is not settled to the claim's last digit (it is {0}), so the claim can be neither confirmed "
          "nor refuted",
          "正确值未能确定到断言的末位（只知道它是 {0}），因此这条断言既不能确认也不能否定"},
    // {0}: the function, {1}: its argument
    Entry{P::ClaimKinkWhere, "{0} at {1} = 0", "{0} 在 {1} = 0 处"},
    // {0}: where, {1}: the convention's value
    Entry{P::ClaimKinkLeft, "the one-sided value from the left: {0} is a kink; the convention gives {1}",
          "左侧的单侧值：{0}是一个折点；按约定为 {1}"},
    Entry{P::ClaimKinkRight, "the one-sided value from the right: {0} is a kink; the convention gives {1}",
          "右侧的单侧值：{0}是一个折点；按约定为 {1}"},
    // {0}: where, {1}: left, {2}: right
    Entry{P::ClaimKinkConvention,
          "the convention's value: {0} is a kink, where the one-sided values are {1} (left) and {2} (right)",
          "按约定取的值：{0}是一个折点，两个单侧值为 {1}（左）和 {2}（右）"},
    // {0}: where, {1}: left, {2}: right, {3}: the convention's value
    Entry{P::ClaimKinkNeither, "{0} is a kink: the one-sided values are {1} (left) and {2} (right); the convention gives {3}",
          "{0}是一个折点：两个单侧值为 {1}（左）和 {2}（右）；按约定为 {3}"},
    // {0}: where, {1}: the derivative, {2}: what the ops' conventions give
    Entry{P::ClaimKinkDifferentiable,
          "{0} is a kink of one op, but the function is differentiable here: the derivative is {1} from both sides "
          "(the ops' conventions give {2})",
          "{0}是某个运算的折点，但函数在此处可导：两侧的导数都是 {1}（各运算的约定给出 {2}）"},
    // {0}: where, {1}: the function
    Entry{P::ClaimKinkSecondOrder,
          "{0} is a kink: the second derivative there is the rules' first-order convention for {1}, differentiated "
          "(relu″ = |x|″ = 0; docs/conventions.md)",
          "{0}是一个折点：此处的二阶导数是规则对 {1} 的一阶约定再求导（relu″ = |x|″ = 0；见 docs/conventions.md）"},
    // {0}: the quantity the number is ("∂E/∂w5"), {1}: its value
    Entry{P::SlipFirstDerivative, "this is {0} ({1}), the first derivative, not the second",
          "这是一阶导数 {0}（{1}），不是二阶导数"},
    Entry{P::SlipOtherEntry, "this is {0} ({1}), another entry of the Hessian", "这是黑塞矩阵的另一个元素 {0}（{1}）"},
    Entry{P::SlipFirstProduct, "this is {0} ({1}), a product of first derivatives, not a second derivative",
          "这是一阶导数之积 {0}（{1}），不是二阶导数"},
    // {0}: the right value
    Entry{P::SlipSign, "the sign is wrong (the right value is {0})", "符号错误（正确值为 {0}）"},
    Entry{P::SlipTwice, "it is twice the right value ({0}): a factor 2 too many, or a factor 1/2 missing",
          "它是正确值（{0}）的两倍：多了因子 2，或漏了因子 1/2"},
    Entry{P::SlipHalf, "it is half the right value ({0}): a factor 2 is missing", "它是正确值（{0}）的一半：漏了因子 2"},
};

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < kCatalogue.size(); ++i)
        if (static_cast<std::size_t>(kCatalogue[i].phrase) != i) return false;
    return kCatalogue.size() == static_cast<std::size_t>(Phrase::Count_);
}
static_assert(in_enum_order(), "one catalogue row per Phrase, in the enum's order");

// Calls piece(text) for each stretch of the template and hole(k) for each {k}.
template <class Piece, class Hole>
void walk(std::string_view t, Piece piece, Hole hole) {
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
        if (t[i] != '{' || t[i + 1] < '0' || t[i + 1] > '9' || t[i + 2] != '}') continue;
        if (i > start) piece(t.substr(start, i - start));
        hole(static_cast<std::size_t>(t[i + 1] - '0'));
        start = i + 3;
        i += 2;
    }
    if (start < t.size()) piece(t.substr(start));
}

}  // namespace

std::optional<Language> parse_language(std::string_view code) {
    if (code == "en") return Language::English;
    if (code == "zh") return Language::Chinese;
    return std::nullopt;
}

std::string_view phrase_template(Language language, Phrase phrase) {
    const Entry& e = kCatalogue.at(static_cast<std::size_t>(phrase));
    return language == Language::Chinese ? e.chinese : e.english;
}

Line say(Language language, Phrase phrase, const std::vector<Line>& args) {
    Line out;
    walk(
        phrase_template(language, phrase), [&](std::string_view s) { out.push_back(Text{std::string(s)}); },
        [&](std::size_t k) {
            const Line& a = args.at(k);
            out.insert(out.end(), a.begin(), a.end());
        });
    return out;
}

std::string say_text(Language language, Phrase phrase, const std::vector<std::string>& args) {
    std::string out;
    walk(
        phrase_template(language, phrase), [&](std::string_view s) { out += s; },
        [&](std::size_t k) { out += args.at(k); });
    return out;
}

Line list_of(Language language, const std::vector<Line>& items) {
    Line out;
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (k > 0) out.push_back(Text{say_text(language, k + 1 == items.size() ? Phrase::ListAnd : Phrase::ListComma)});
        out.insert(out.end(), items[k].begin(), items[k].end());
    }
    return out;
}

}  // namespace chainrule::derivations
