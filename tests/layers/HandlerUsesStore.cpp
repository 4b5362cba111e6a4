// Must compile: the control for the tests above. A handler calls a store through Db and Tx
// without seeing any Connector/C++ type.
#include "http/RequestContext.h"
#include "store/RankStore.h"

int layerAllowed(kituo::http::RequestContext& ctx) {
    return static_cast<int>(kituo::store::RankStore(ctx.services.db).ranks().size());
}
